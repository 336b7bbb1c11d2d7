/*
 * A value for a template parameter against the parameter's own constraints:
 * AllowedValues, AllowedPattern (PCRE2), MinLength/MaxLength for string types,
 * a number within MinValue/MaxValue for Number types; list types item by item
 * (comma-separated, spaces around an item trimmed), a list value that is itself
 * one of the AllowedValues being accepted whole. Shared by E2015 (a Default)
 * and the samconfig rule that checks parameter_overrides (E99711): both judge a
 * text as CloudFormation will when the stack is created or updated.
 */
#ifndef SL_RULES_PARAMETERS_PVALUE_H
#define SL_RULES_PARAMETERS_PVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "load/node.h"
#include "rules/parameters/params.h"

enum sl_pv_fault {
	SL_PV_NOT_ALLOWED, /* not one of AllowedValues */
	SL_PV_PATTERN,     /* does not match the whole AllowedPattern (`limit_text`) */
	SL_PV_NOT_NUMBER,  /* a Number type's value that is not a number */
	SL_PV_BELOW,       /* less than MinValue (`limit`) */
	SL_PV_ABOVE,       /* greater than MaxValue (`limit`) */
	SL_PV_SHORT,       /* shorter than MinLength (`limit`) */
	SL_PV_LONG,        /* longer than MaxLength (`limit`) */
};

struct sl_pv_finding {
	enum sl_pv_fault fault;
	const char *item;    /* the value, or the list item, at fault (points into the text) */
	size_t item_len;
	bool list;           /* item is one item of a list value */
	double limit;        /* the bound broken (BELOW, ABOVE, SHORT, LONG) */
	const char *pattern; /* PATTERN: the AllowedPattern text */
};

/* Judges text (len bytes) as a value of parameter p (its mapping in
 * Parameters) of type pt, calling fn for each constraint it breaks, in the
 * order: per item, AllowedValues, AllowedPattern, number and range, length.
 * Types that cannot be judged (invalid, SSM value types) call nothing. An
 * AllowedPattern that does not compile is not used (I2003 reports it). */
void sl_pv_check(const struct sl_node *p, enum sl_ptype pt, const char *text, size_t len,
		 void (*fn)(const struct sl_pv_finding *f, void *arg), void *arg);

#endif
