/* The rule registry: every descriptor, sorted by ID (a test checks the order). */
#include <string.h>

#include "engine/rule.h"

extern const struct sl_rule rule_E0000, rule_E1001, rule_E1002, rule_E1003, rule_E1004,
	rule_E1005, rule_E1010, rule_E1011, rule_E1015, rule_E1016, rule_E1017, rule_E1018, rule_E1019,
	rule_E1020, rule_E1021, rule_E1022, rule_E1024, rule_E1027, rule_E1028, rule_E1029, rule_E1030, rule_E1031,
	rule_E1032, rule_E1050, rule_E1051, rule_E1052, rule_E2001, rule_E2002, rule_E2003, rule_E2010, rule_E2011, rule_E2015, rule_E3001,
	rule_E3002, rule_E3003, rule_E3004, rule_E3005, rule_E3006, rule_E3007, rule_E3009, rule_E3010,
	rule_E3011, rule_E3012, rule_E3013, rule_E3014, rule_E3015, rule_E3016, rule_E3017, rule_E3018, rule_E3030, rule_E3031, rule_E3032, rule_E3033, rule_E3034, rule_E3037, rule_E3035, rule_E3036, rule_E3038, rule_E3040, rule_E3058, rule_E3663,
	rule_E3685, rule_E3724, rule_E6001, rule_E6002, rule_E6003, rule_E6004, rule_E6005, rule_E6010,
	rule_E6011, rule_E6101, rule_E6102, rule_E7001, rule_E7002, rule_E7010, rule_E8001, rule_E8002,
	rule_E8003, rule_E8004, rule_E8005, rule_E8006, rule_E8007, rule_E9001, rule_E9010, rule_E9011,
	rule_E9012, rule_E9013, rule_E9015, rule_E9016, rule_E9017, rule_E9018, rule_E9019, rule_E9020, rule_E9021, rule_E9022, rule_E9023, rule_E9024, rule_E9025, rule_E9103, rule_E9105, rule_E9106,
	rule_E9113, rule_E9201, rule_E9202, rule_E9204, rule_E9402, rule_I1002, rule_I1003, rule_I1022,
	rule_I2003, rule_I3010, rule_I3011, rule_I3037, rule_I9002, rule_I9111, rule_W1001, rule_W1019, rule_W1020, rule_W1028, rule_W1030, rule_W1031, rule_W1032, rule_W1033, rule_W1034, rule_W1035, rule_W1036, rule_W1040, rule_W1051, rule_W1053,
	rule_W1100, rule_W2001, rule_W2010, rule_W2030, rule_W2031, rule_W3001, rule_W3002, rule_W3005, rule_W3034, rule_W6001, rule_W7001, rule_W8001,
	rule_W8003, rule_W9014, rule_W9015, rule_W9016, rule_W9050, rule_W9101, rule_W9102, rule_W9104, rule_W9110, rule_W9112, rule_W9120,
	rule_W9121, rule_W9203, rule_W9205, rule_W9206, rule_W9207, rule_W9208, rule_W9401;

extern const struct sl_rule rule_E2531, rule_E2533, rule_W2531;
extern const struct sl_rule rule_E2530, rule_E3677, rule_E3678, rule_I2530, rule_W2530, rule_W2533;
extern const struct sl_rule rule_E3019, rule_E3020, rule_E3021, rule_E3024, rule_E3710, rule_I3100, rule_W2002, rule_W2506, rule_W3696, rule_W3697;
extern const struct sl_rule rule_E3044, rule_E3047, rule_E3048, rule_E3052, rule_E3053, rule_E3054, rule_E9501, rule_E9510, rule_E9513, rule_E9514, rule_E9520, rule_E9521, rule_W9511, rule_W9512, rule_W9522;
extern const struct sl_rule rule_E9540, rule_E9541, rule_E9543, rule_W9542;
extern const struct sl_rule rule_E3505, rule_E3633, rule_E3634, rule_E3689, rule_E3705, rule_E9601, rule_E9602, rule_E9604, rule_E9610, rule_E9611, rule_E9621, rule_I3013, rule_I9603, rule_W9620, rule_W9622;
extern const struct sl_rule rule_E1103, rule_E1040, rule_E1041, rule_E1150, rule_E1151, rule_E1152, rule_E1153, rule_E1154, rule_E1155, rule_E1156, rule_E1157, rule_E1158, rule_E1159, rule_E1160, rule_E1161, rule_E1162, rule_E1163, rule_E1164;
extern const struct sl_rule rule_E1700, rule_E1701, rule_E1702, rule_E2529, rule_I2010, rule_I2011;
extern const struct sl_rule rule_E3039, rule_E3638, rule_E3639, rule_E9302, rule_E9304, rule_E9305, rule_E9306, rule_E9308, rule_E9309, rule_I9303, rule_W9301, rule_W9307;
extern const struct sl_rule rule_E3615, rule_E9403, rule_W9404, rule_W9405, rule_W9406;
extern const struct sl_rule rule_I3042, rule_W3010;
extern const struct sl_rule rule_E3510, rule_E3512, rule_E3513, rule_E3514, rule_E3530, rule_I3510, rule_W2511, rule_W3037;
extern const struct sl_rule rule_W1011, rule_W2501;
extern const struct sl_rule rule_E3023, rule_W3011, rule_W3045;
extern const struct sl_rule rule_E3026;
extern const struct sl_rule rule_E3027;
extern const struct sl_rule rule_W3687;
extern const struct sl_rule rule_W3660;
extern const struct sl_rule rule_W3663;
extern const struct sl_rule rule_W4001;
extern const struct sl_rule rule_E3025, rule_E3620, rule_E3621, rule_E3628, rule_E3635, rule_E3636, rule_E3640, rule_E3641, rule_E3642, rule_E3643, rule_E3644, rule_E3647, rule_E3652, rule_E3653, rule_E3667, rule_E3670, rule_E3672, rule_E3675, rule_E3690, rule_E3691, rule_E3694, rule_E3695;
extern const struct sl_rule rule_E3029;
extern const struct sl_rule rule_E3045;
extern const struct sl_rule rule_E3660;
extern const struct sl_rule rule_E3698;
extern const struct sl_rule rule_E3060;
extern const struct sl_rule rule_E3671;
extern const struct sl_rule rule_E3715;
extern const struct sl_rule rule_E1033, rule_E3502, rule_E3504, rule_E3673, rule_E3687, rule_E3688, rule_E3700, rule_E3708, rule_W3671, rule_W3698, rule_E5001;
extern const struct sl_rule rule_E3022, rule_E3066, rule_I3012, rule_W1054;
extern const struct sl_rule rule_E3041, rule_E3042, rule_E3046, rule_E3503, rule_E4001, rule_E4002, rule_I6010, rule_I6011, rule_I7002, rule_I7010;
extern const struct sl_rule rule_E3696, rule_E3697, rule_E3699, rule_E3718, rule_E3723, rule_W3701, rule_E3719, rule_E3720, rule_E3706;
extern const struct sl_rule rule_E3057, rule_E3061, rule_E3063;
extern const struct sl_rule rule_E3676, rule_E3680, rule_E3681, rule_E3683, rule_W3703, rule_W3694;
extern const struct sl_rule rule_E3501;
extern const struct sl_rule rule_E3064;
extern const struct sl_rule rule_E3674, rule_W3700;
extern const struct sl_rule rule_E3059;
extern const struct sl_rule rule_E3055;
extern const struct sl_rule rule_W3688, rule_W3689;
extern const struct sl_rule rule_E3713;
extern const struct sl_rule rule_E3511;
extern const struct sl_rule rule_E3693;
extern const struct sl_rule rule_E3049;
extern const struct sl_rule rule_E3722;
extern const struct sl_rule rule_W3705;
extern const struct sl_rule rule_E3601;
extern const struct sl_rule rule_E3679;
extern const struct sl_rule rule_E3721, rule_W3699;
extern const struct sl_rule rule_E3701;
extern const struct sl_rule rule_E3703;
extern const struct sl_rule rule_E3661;
extern const struct sl_rule rule_E3050, rule_E3051, rule_E3686, rule_E3702, rule_E3707, rule_E3711, rule_W3704;
extern const struct sl_rule rule_E9801, rule_E9803, rule_E9804, rule_E9805, rule_E9807, rule_E9808,
	rule_W9802, rule_W9806, rule_E9810, rule_E9811, rule_W9812;
extern const struct sl_rule rule_E9911, rule_E9913, rule_W9912;
extern const struct sl_rule rule_E9920, rule_E9922, rule_E9923, rule_E9925, rule_E9926, rule_W9921,
	rule_W9924, rule_W9927, rule_E9930, rule_E9931, rule_E9933, rule_E9936, rule_W9932, rule_W9934,
	rule_W9935, rule_W9937;
extern const struct sl_rule rule_E9901, rule_E9902, rule_E9903;
extern const struct sl_rule rule_E9701, rule_E9702, rule_E9704, rule_E9705, rule_W9702, rule_W9703;
extern const struct sl_rule rule_W9710, rule_E9711, rule_W9712, rule_E9713, rule_W9714;
static const struct sl_rule *const registry[] = {
	&rule_E0000, &rule_E1001, &rule_E1002, &rule_E1003, &rule_E1004, &rule_E1005, &rule_E1010,
	&rule_E1011, &rule_E1015, &rule_E1016, &rule_E1017, &rule_E1018, &rule_E1019, &rule_E1020,
	&rule_E1021, &rule_E1022, &rule_E1024, &rule_E1027, &rule_E1028, &rule_E1029, &rule_E1030, &rule_E1031,
	&rule_E1032, &rule_E1033, &rule_E1040, &rule_E1041, &rule_E1050, &rule_E1051, &rule_E1052, &rule_E1103,
	&rule_E1150, &rule_E1151, &rule_E1152, &rule_E1153, &rule_E1154, &rule_E1155, &rule_E1156, &rule_E1157, &rule_E1158, &rule_E1159, &rule_E1160, &rule_E1161, &rule_E1162, &rule_E1163, &rule_E1164, &rule_E1700, &rule_E1701, &rule_E1702, &rule_E2001, &rule_E2002, &rule_E2003, &rule_E2010, &rule_E2011, &rule_E2015, &rule_E2529, &rule_E2530, &rule_E2531, &rule_E2533,
	&rule_E3001, &rule_E3002, &rule_E3003, &rule_E3004, &rule_E3005, &rule_E3006, &rule_E3007,
	&rule_E3009, &rule_E3010, &rule_E3011, &rule_E3012, &rule_E3013, &rule_E3014, &rule_E3015, &rule_E3016, &rule_E3017, &rule_E3018, &rule_E3019, &rule_E3020, &rule_E3021, &rule_E3022, &rule_E3023, &rule_E3024, &rule_E3025, &rule_E3026, &rule_E3027, &rule_E3029, &rule_E3030, &rule_E3031,
	&rule_E3032, &rule_E3033, &rule_E3034, &rule_E3035,
	&rule_E3036, &rule_E3037, &rule_E3038, &rule_E3039, &rule_E3040, &rule_E3041, &rule_E3042, &rule_E3044, &rule_E3045, &rule_E3046, &rule_E3047, &rule_E3048, &rule_E3049, &rule_E3050, &rule_E3051, &rule_E3052, &rule_E3053, &rule_E3054, &rule_E3055, &rule_E3057, &rule_E3058, &rule_E3059, &rule_E3060, &rule_E3061, &rule_E3063, &rule_E3064, &rule_E3066, &rule_E3501, &rule_E3502, &rule_E3503, &rule_E3504, &rule_E3505, &rule_E3510, &rule_E3511, &rule_E3512, &rule_E3513, &rule_E3514, &rule_E3530, &rule_E3601, &rule_E3615, &rule_E3620, &rule_E3621, &rule_E3628, &rule_E3633, &rule_E3634, &rule_E3635, &rule_E3636, &rule_E3638, &rule_E3639, &rule_E3640, &rule_E3641, &rule_E3642, &rule_E3643, &rule_E3644, &rule_E3647, &rule_E3652, &rule_E3653, &rule_E3660, &rule_E3661, &rule_E3663, &rule_E3667, &rule_E3670, &rule_E3671, &rule_E3672, &rule_E3673, &rule_E3674, &rule_E3675, &rule_E3676, &rule_E3677, &rule_E3678, &rule_E3679, &rule_E3680, &rule_E3681, &rule_E3683, &rule_E3685, &rule_E3686, &rule_E3687, &rule_E3688, &rule_E3689, &rule_E3690, &rule_E3691, &rule_E3693, &rule_E3694, &rule_E3695, &rule_E3696, &rule_E3697, &rule_E3698, &rule_E3699, &rule_E3700, &rule_E3701, &rule_E3702, &rule_E3703, &rule_E3705, &rule_E3706, &rule_E3707, &rule_E3708, &rule_E3710, &rule_E3711, &rule_E3713, &rule_E3715, &rule_E3718, &rule_E3719, &rule_E3720, &rule_E3721, &rule_E3722, &rule_E3723, &rule_E3724, &rule_E4001, &rule_E4002, &rule_E5001, &rule_E6001, &rule_E6002,
	&rule_E6003, &rule_E6004, &rule_E6005, &rule_E6010, &rule_E6011, &rule_E6101, &rule_E6102,
	&rule_E7001, &rule_E7002, &rule_E7010, &rule_E8001, &rule_E8002, &rule_E8003, &rule_E8004,
	&rule_E8005, &rule_E8006, &rule_E8007, &rule_E9001, &rule_E9010, &rule_E9011, &rule_E9012,
	&rule_E9013, &rule_E9015, &rule_E9016, &rule_E9017, &rule_E9018, &rule_E9019, &rule_E9020, &rule_E9021, &rule_E9022, &rule_E9023, &rule_E9024, &rule_E9025, &rule_E9103, &rule_E9105, &rule_E9106,
	&rule_E9113, &rule_E9201, &rule_E9202, &rule_E9204, &rule_E9302, &rule_E9304, &rule_E9305, &rule_E9306, &rule_E9308, &rule_E9309, &rule_E9402, &rule_E9403, &rule_E9501, &rule_E9510, &rule_E9513, &rule_E9514, &rule_E9520, &rule_E9521, &rule_E9540, &rule_E9541, &rule_E9543, &rule_E9601, &rule_E9602, &rule_E9604, &rule_E9610, &rule_E9611, &rule_E9621, &rule_E9701, &rule_E9702, &rule_E9704, &rule_E9705, &rule_E9711, &rule_E9713, &rule_E9801, &rule_E9803, &rule_E9804, &rule_E9805, &rule_E9807, &rule_E9808, &rule_E9810, &rule_E9811, &rule_E9901, &rule_E9902, &rule_E9903, &rule_E9911, &rule_E9913, &rule_E9920, &rule_E9922, &rule_E9923, &rule_E9925, &rule_E9926, &rule_E9930, &rule_E9931, &rule_E9933, &rule_E9936, &rule_I1002, &rule_I1003,
	&rule_I1022, &rule_I2003, &rule_I2010, &rule_I2011, &rule_I2530, &rule_I3010, &rule_I3011, &rule_I3012, &rule_I3013, &rule_I3037, &rule_I3042, &rule_I3100, &rule_I3510, &rule_I6010, &rule_I6011, &rule_I7002, &rule_I7010, &rule_I9002, &rule_I9111, &rule_I9303, &rule_I9603, &rule_W1001,
	&rule_W1011, &rule_W1019, &rule_W1020, &rule_W1028, &rule_W1030, &rule_W1031, &rule_W1032, &rule_W1033, &rule_W1034, &rule_W1035, &rule_W1036, &rule_W1040, &rule_W1051, &rule_W1053, &rule_W1054, &rule_W1100, &rule_W2001, &rule_W2002, &rule_W2010, &rule_W2030, &rule_W2031, &rule_W2501, &rule_W2506, &rule_W2511, &rule_W2530, &rule_W2531, &rule_W2533, &rule_W3001, &rule_W3002, &rule_W3005, &rule_W3010, &rule_W3011, &rule_W3034, &rule_W3037, &rule_W3045, &rule_W3660, &rule_W3663, &rule_W3671, &rule_W3687, &rule_W3688, &rule_W3689, &rule_W3694, &rule_W3696, &rule_W3697,
	&rule_W3698, &rule_W3699, &rule_W3700, &rule_W3701, &rule_W3703, &rule_W3704, &rule_W3705, &rule_W4001, &rule_W6001, &rule_W7001, &rule_W8001, &rule_W8003, &rule_W9014, &rule_W9015, &rule_W9016, &rule_W9050, &rule_W9101, &rule_W9102,
	&rule_W9104, &rule_W9110, &rule_W9112, &rule_W9120, &rule_W9121, &rule_W9203, &rule_W9205,
	&rule_W9206, &rule_W9207, &rule_W9208, &rule_W9301, &rule_W9307, &rule_W9401, &rule_W9404, &rule_W9405, &rule_W9406, &rule_W9511, &rule_W9512, &rule_W9522, &rule_W9542, &rule_W9620, &rule_W9622, &rule_W9702, &rule_W9703, &rule_W9710, &rule_W9712, &rule_W9714, &rule_W9802, &rule_W9806, &rule_W9812, &rule_W9912, &rule_W9921, &rule_W9924, &rule_W9927, &rule_W9932, &rule_W9934, &rule_W9935, &rule_W9937,
};

const struct sl_rule *const *sl_registry(size_t *count)
{
	*count = sizeof(registry) / sizeof(registry[0]);
	return registry;
}

const struct sl_rule *sl_rule_find(const char *id)
{
	size_t lo = 0, hi = sizeof(registry) / sizeof(registry[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(registry[mid]->id, id);
		if (c == 0)
			return registry[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
