/*
 * What AWS managed policies allow, for the few actions that rules ask about
 * ("can this role create network interfaces, write traces"), judged by each
 * policy's content: generated into managed_data.c by
 * tools/gen_managed_policies.py from the npm package pinned in
 * tools/managed-policies-package (every AWS managed policy with its default
 * version), so that a rule reads an ARN such as
 * arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess by what
 * the policy grants, not by a list of names.
 *
 * The answer is conservative: "yes" only where the policy's default version
 * allows the action on Resource "*" with no Condition and nothing denies it;
 * "unknown" where it allows the action only on some resources or under a
 * condition, where a statement denies it or cannot be read, for a name that
 * is not an AWS managed policy (a misspelling, a policy newer than the data,
 * a name written in another case) and for an action the data was not
 * generated for. A rule that reports only on "no" stays silent otherwise.
 */
#ifndef SL_SPEC_MANAGED_H
#define SL_SPEC_MANAGED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sl_managed_answer {
	SL_MANAGED_NO = 0,      /* the policy does not allow the action */
	SL_MANAGED_YES = 1,     /* it allows it on every resource, unconditionally */
	SL_MANAGED_UNKNOWN = 2, /* it may, or the policy or the action is not known */
};

/* Whether the AWS managed policy named path_and_name (len bytes: what follows
 * "policy/" in its ARN, e.g. "service-role/AWSLambdaVPCAccessExecutionRole" or
 * "AdministratorAccess"; compared exactly) allows action (NUL-terminated,
 * "service:Action", compared case-insensitively with the actions the data
 * holds: those of SL_MANAGED_N_ACTIONS runs in managed_data.c). */
enum sl_managed_answer sl_managed_allows(const char *path_and_name, size_t len, const char *action);

/* True when path_and_name (len bytes) names an AWS managed policy of the data. */
bool sl_managed_exists(const char *path_and_name, size_t len);

/* The path and name of the AWS managed policy that an ARN written as text
 * names: "arn:aws:iam::aws:policy/PATH/NAME", or, when sub is true (the text
 * is the template of an Fn::Sub), the same with "${AWS::Partition}" as the
 * partition. Returns a pointer into arn and sets *out_len, or NULL for
 * anything else (another partition, whose policies the data does not
 * describe; a customer managed policy; another variable; not an ARN). */
const char *sl_managed_arn_name(const char *arn, size_t len, bool sub, size_t *out_len);

/* The generated tables (managed_data.c; the generator's docstring gives their
 * meaning). */
enum { SL_MANAGED_N_ACTIONS = 5 };
struct sl_managed_run {
	const char *action;
	uint32_t first, n; /* a run of sl_managed_hits */
};
extern const char sl_managed_names[];
extern const uint32_t sl_managed_off[];
extern const size_t sl_managed_count;
extern const uint16_t sl_managed_hits[];
extern const struct sl_managed_run sl_managed_actions[SL_MANAGED_N_ACTIONS];

#endif
