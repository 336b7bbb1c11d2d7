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
	rule_E8003, rule_E8004, rule_E8005, rule_E8006, rule_E8007, rule_E99001, rule_E99010, rule_E99011,
	rule_E99012, rule_E99013, rule_E99015, rule_E99016, rule_E99017, rule_E99018, rule_E99019, rule_E99020, rule_E99021, rule_E99022, rule_E99023, rule_E99024, rule_E99025, rule_E99103, rule_E99105, rule_E99106,
	rule_E99113, rule_E99201, rule_E99202, rule_E99204, rule_E99402, rule_I1002, rule_I1003, rule_I1022,
	rule_I2003, rule_I3010, rule_I3011, rule_I3037, rule_I99002, rule_I99111, rule_W1001, rule_W1019, rule_W1020, rule_W1028, rule_W1030, rule_W1031, rule_W1032, rule_W1033, rule_W1034, rule_W1035, rule_W1036, rule_W1040, rule_W1051, rule_W1053,
	rule_W1100, rule_W99000, rule_W2001, rule_W2010, rule_W2030, rule_W2031, rule_W3001, rule_W3002, rule_W3005, rule_W3034, rule_W6001, rule_W7001, rule_W8001,
	rule_W8003, rule_W99014, rule_W99015, rule_W99016, rule_W99050, rule_W99101, rule_W99102, rule_W99104, rule_W99110, rule_W99112, rule_W99120,
	rule_W99121, rule_W99203, rule_W99205, rule_W99206, rule_W99207, rule_W99208, rule_W99401;

extern const struct sl_rule rule_E2531, rule_E2533, rule_W2531;
extern const struct sl_rule rule_E2530, rule_E3677, rule_E3678, rule_I2530, rule_W2530, rule_W2533;
extern const struct sl_rule rule_E3019, rule_E3020, rule_E3021, rule_E3024, rule_E3710, rule_I3100, rule_W2002, rule_W2506, rule_W3696, rule_W3697;
extern const struct sl_rule rule_E3044, rule_E3047, rule_E3048, rule_E3052, rule_E3053, rule_E3054, rule_E99501, rule_E99510, rule_E99513, rule_E99514, rule_E99520, rule_E99521, rule_W99511, rule_W99512, rule_W99522;
extern const struct sl_rule rule_E99540, rule_E99541, rule_E99543, rule_W99542;
extern const struct sl_rule rule_E99530, rule_E99531;
extern const struct sl_rule rule_E3505, rule_E3633, rule_E3634, rule_E3689, rule_E3705, rule_E99601, rule_E99602, rule_E99604, rule_E99610, rule_E99611, rule_E99621, rule_I3013, rule_I99603, rule_W99620, rule_W99622;
extern const struct sl_rule rule_E1103, rule_E1040, rule_E1041, rule_E1150, rule_E1151, rule_E1152, rule_E1153, rule_E1154, rule_E1155, rule_E1156, rule_E1157, rule_E1158, rule_E1159, rule_E1160, rule_E1161, rule_E1162, rule_E1163, rule_E1164;
extern const struct sl_rule rule_E1700, rule_E1701, rule_E1702, rule_E2529, rule_I2010, rule_I2011;
extern const struct sl_rule rule_E3039, rule_E3638, rule_E3639, rule_E99302, rule_E99304, rule_E99305, rule_E99306, rule_E99308, rule_E99309, rule_I99303, rule_W99301, rule_W99307;
extern const struct sl_rule rule_E3615, rule_E99403, rule_W99404, rule_W99405, rule_W99406;
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
extern const struct sl_rule rule_E99801, rule_E99803, rule_E99804, rule_E99805, rule_E99807, rule_E99808,
	rule_W99802, rule_W99806, rule_E99810, rule_E99811, rule_W99812;
extern const struct sl_rule rule_E99911, rule_E99913, rule_W99912;
extern const struct sl_rule rule_E99920, rule_E99922, rule_E99923, rule_E99925, rule_E99926, rule_W99921,
	rule_W99924, rule_W99927, rule_E99930, rule_E99931, rule_E99933, rule_E99936, rule_W99932, rule_W99934,
	rule_W99935, rule_W99937;
extern const struct sl_rule rule_E99901, rule_E99902, rule_E99903;
extern const struct sl_rule rule_E99701, rule_E99702, rule_E99704, rule_E99705, rule_W99702, rule_W99703;
extern const struct sl_rule rule_W99710, rule_E99711, rule_W99712, rule_E99713, rule_W99714;
extern const struct sl_rule rule_E0100, rule_E0200, rule_E2900; /* rules/paramsets */
static const struct sl_rule *const registry[] = {
	&rule_E0000, &rule_E0100, &rule_E0200, &rule_E1001, &rule_E1002, &rule_E1003, &rule_E1004, &rule_E1005, &rule_E1010,
	&rule_E1011, &rule_E1015, &rule_E1016, &rule_E1017, &rule_E1018, &rule_E1019, &rule_E1020,
	&rule_E1021, &rule_E1022, &rule_E1024, &rule_E1027, &rule_E1028, &rule_E1029, &rule_E1030,
	&rule_E1031, &rule_E1032, &rule_E1033, &rule_E1040, &rule_E1041, &rule_E1050, &rule_E1051,
	&rule_E1052, &rule_E1103, &rule_E1150, &rule_E1151, &rule_E1152, &rule_E1153, &rule_E1154,
	&rule_E1155, &rule_E1156, &rule_E1157, &rule_E1158, &rule_E1159, &rule_E1160, &rule_E1161,
	&rule_E1162, &rule_E1163, &rule_E1164, &rule_E1700, &rule_E1701, &rule_E1702, &rule_E2001,
	&rule_E2002, &rule_E2003, &rule_E2010, &rule_E2011, &rule_E2015, &rule_E2529, &rule_E2530,
	&rule_E2531, &rule_E2533, &rule_E2900, &rule_E3001, &rule_E3002, &rule_E3003, &rule_E3004, &rule_E3005,
	&rule_E3006, &rule_E3007, &rule_E3009, &rule_E3010, &rule_E3011, &rule_E3012, &rule_E3013,
	&rule_E3014, &rule_E3015, &rule_E3016, &rule_E3017, &rule_E3018, &rule_E3019, &rule_E3020,
	&rule_E3021, &rule_E3022, &rule_E3023, &rule_E3024, &rule_E3025, &rule_E3026, &rule_E3027,
	&rule_E3029, &rule_E3030, &rule_E3031, &rule_E3032, &rule_E3033, &rule_E3034, &rule_E3035,
	&rule_E3036, &rule_E3037, &rule_E3038, &rule_E3039, &rule_E3040, &rule_E3041, &rule_E3042,
	&rule_E3044, &rule_E3045, &rule_E3046, &rule_E3047, &rule_E3048, &rule_E3049, &rule_E3050,
	&rule_E3051, &rule_E3052, &rule_E3053, &rule_E3054, &rule_E3055, &rule_E3057, &rule_E3058,
	&rule_E3059, &rule_E3060, &rule_E3061, &rule_E3063, &rule_E3064, &rule_E3066, &rule_E3501,
	&rule_E3502, &rule_E3503, &rule_E3504, &rule_E3505, &rule_E3510, &rule_E3511, &rule_E3512,
	&rule_E3513, &rule_E3514, &rule_E3530, &rule_E3601, &rule_E3615, &rule_E3620, &rule_E3621,
	&rule_E3628, &rule_E3633, &rule_E3634, &rule_E3635, &rule_E3636, &rule_E3638, &rule_E3639,
	&rule_E3640, &rule_E3641, &rule_E3642, &rule_E3643, &rule_E3644, &rule_E3647, &rule_E3652,
	&rule_E3653, &rule_E3660, &rule_E3661, &rule_E3663, &rule_E3667, &rule_E3670, &rule_E3671,
	&rule_E3672, &rule_E3673, &rule_E3674, &rule_E3675, &rule_E3676, &rule_E3677, &rule_E3678,
	&rule_E3679, &rule_E3680, &rule_E3681, &rule_E3683, &rule_E3685, &rule_E3686, &rule_E3687,
	&rule_E3688, &rule_E3689, &rule_E3690, &rule_E3691, &rule_E3693, &rule_E3694, &rule_E3695,
	&rule_E3696, &rule_E3697, &rule_E3698, &rule_E3699, &rule_E3700, &rule_E3701, &rule_E3702,
	&rule_E3703, &rule_E3705, &rule_E3706, &rule_E3707, &rule_E3708, &rule_E3710, &rule_E3711,
	&rule_E3713, &rule_E3715, &rule_E3718, &rule_E3719, &rule_E3720, &rule_E3721, &rule_E3722,
	&rule_E3723, &rule_E3724, &rule_E4001, &rule_E4002, &rule_E5001, &rule_E6001, &rule_E6002,
	&rule_E6003, &rule_E6004, &rule_E6005, &rule_E6010, &rule_E6011, &rule_E6101, &rule_E6102,
	&rule_E7001, &rule_E7002, &rule_E7010, &rule_E8001, &rule_E8002, &rule_E8003, &rule_E8004,
	&rule_E8005, &rule_E8006, &rule_E8007, &rule_E99001, &rule_E99010, &rule_E99011, &rule_E99012,
	&rule_E99013, &rule_E99015, &rule_E99016, &rule_E99017, &rule_E99018, &rule_E99019, &rule_E99020,
	&rule_E99021, &rule_E99022, &rule_E99023, &rule_E99024, &rule_E99025, &rule_E99103, &rule_E99105,
	&rule_E99106, &rule_E99113, &rule_E99201, &rule_E99202, &rule_E99204, &rule_E99302, &rule_E99304,
	&rule_E99305, &rule_E99306, &rule_E99308, &rule_E99309, &rule_E99402, &rule_E99403, &rule_E99501,
	&rule_E99510, &rule_E99513, &rule_E99514, &rule_E99520, &rule_E99521, &rule_E99530, &rule_E99531, &rule_E99540, &rule_E99541,
	&rule_E99543, &rule_E99601, &rule_E99602, &rule_E99604, &rule_E99610, &rule_E99611, &rule_E99621,
	&rule_E99701, &rule_E99702, &rule_E99704, &rule_E99705, &rule_E99711, &rule_E99713, &rule_E99801,
	&rule_E99803, &rule_E99804, &rule_E99805, &rule_E99807, &rule_E99808, &rule_E99810, &rule_E99811,
	&rule_E99901, &rule_E99902, &rule_E99903, &rule_E99911, &rule_E99913, &rule_E99920, &rule_E99922,
	&rule_E99923, &rule_E99925, &rule_E99926, &rule_E99930, &rule_E99931, &rule_E99933, &rule_E99936,
	&rule_I1002, &rule_I1003, &rule_I1022, &rule_I2003, &rule_I2010, &rule_I2011, &rule_I2530,
	&rule_I3010, &rule_I3011, &rule_I3012, &rule_I3013, &rule_I3037, &rule_I3042, &rule_I3100,
	&rule_I3510, &rule_I6010, &rule_I6011, &rule_I7002, &rule_I7010, &rule_I99002, &rule_I99111,
	&rule_I99303, &rule_I99603, &rule_W1001, &rule_W1011, &rule_W1019, &rule_W1020, &rule_W1028,
	&rule_W1030, &rule_W1031, &rule_W1032, &rule_W1033, &rule_W1034, &rule_W1035, &rule_W1036,
	&rule_W1040, &rule_W1051, &rule_W1053, &rule_W1054, &rule_W1100, &rule_W2001, &rule_W2002,
	&rule_W2010, &rule_W2030, &rule_W2031, &rule_W2501, &rule_W2506, &rule_W2511, &rule_W2530,
	&rule_W2531, &rule_W2533, &rule_W3001, &rule_W3002, &rule_W3005, &rule_W3010, &rule_W3011,
	&rule_W3034, &rule_W3037, &rule_W3045, &rule_W3660, &rule_W3663, &rule_W3671, &rule_W3687,
	&rule_W3688, &rule_W3689, &rule_W3694, &rule_W3696, &rule_W3697, &rule_W3698, &rule_W3699,
	&rule_W3700, &rule_W3701, &rule_W3703, &rule_W3704, &rule_W3705, &rule_W4001, &rule_W6001,
	&rule_W7001, &rule_W8001, &rule_W8003, &rule_W99000, &rule_W99014, &rule_W99015, &rule_W99016, &rule_W99050,
	&rule_W99101, &rule_W99102, &rule_W99104, &rule_W99110, &rule_W99112, &rule_W99120, &rule_W99121,
	&rule_W99203, &rule_W99205, &rule_W99206, &rule_W99207, &rule_W99208, &rule_W99301, &rule_W99307,
	&rule_W99401, &rule_W99404, &rule_W99405, &rule_W99406, &rule_W99511, &rule_W99512, &rule_W99522,
	&rule_W99542, &rule_W99620, &rule_W99622, &rule_W99702, &rule_W99703, &rule_W99710, &rule_W99712,
	&rule_W99714, &rule_W99802, &rule_W99806, &rule_W99812, &rule_W99912, &rule_W99921, &rule_W99924,
	&rule_W99927, &rule_W99932, &rule_W99934, &rule_W99935, &rule_W99937,
};

const struct sl_rule *const *sl_registry(size_t *count)
{
	*count = sizeof(registry) / sizeof(registry[0]);
	return registry;
}

int sl_rule_id_cmp(const char *a, const char *b)
{
	if (a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

const struct sl_rule *sl_rule_find(const char *id)
{
	size_t lo = 0, hi = sizeof(registry) / sizeof(registry[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = sl_rule_id_cmp(registry[mid]->id, id);
		if (c == 0)
			return registry[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
