/*
 * Helpers shared by the parameter rules (E2001, E2002, E2015, I2003, W2010,
 * W2501): what a parameter Type string means, and the scalar views of a
 * parameter's properties. Header-only so each rule file stays self-contained.
 */
#ifndef SL_RULES_PARAMETERS_PARAMS_H
#define SL_RULES_PARAMETERS_PARAMS_H

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"

enum sl_ptype {
	SL_PTYPE_INVALID = 0,
	SL_PTYPE_STRING,    /* String, an AWS-specific type, AWS::SSM::Parameter::Name */
	SL_PTYPE_NUMBER,    /* Number */
	SL_PTYPE_LIST_NUM,  /* List<Number> */
	SL_PTYPE_LIST,      /* CommaDelimitedList, List<String>, List<AWS-specific> */
	SL_PTYPE_SSM_VALUE, /* AWS::SSM::Parameter::Value<...>: the value comes from SSM */
};

/* The AWS-specific parameter types CloudFormation documents. */
static const char *const sl_param_aws_types[] = {
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
	"AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
	"AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id",
};
#define SL_N_PARAM_AWS_TYPES (sizeof(sl_param_aws_types) / sizeof(sl_param_aws_types[0]))

static inline bool sl_param_is_aws_type(const char *s, size_t len)
{
	for (size_t i = 0; i < SL_N_PARAM_AWS_TYPES; i++)
		if (strlen(sl_param_aws_types[i]) == len && memcmp(s, sl_param_aws_types[i], len) == 0)
			return true;
	return false;
}

static inline bool sl_param_span_eq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* "List<X>" → X; false when s is not of that form. */
static inline bool sl_param_unwrap(const char *s, size_t len, const char *prefix, const char **in,
				   size_t *in_len)
{
	size_t p = strlen(prefix);
	if (len < p + 2 || memcmp(s, prefix, p) != 0 || s[len - 1] != '>')
		return false;
	*in = s + p;
	*in_len = len - p - 1;
	return true;
}

/* Classifies a parameter Type string; SL_PTYPE_INVALID when CloudFormation
 * does not accept it. */
static inline enum sl_ptype sl_param_type(const char *s, size_t len)
{
	const char *in;
	size_t n;
	if (sl_param_span_eq(s, len, "String") || sl_param_span_eq(s, len, "AWS::SSM::Parameter::Name") ||
	    sl_param_is_aws_type(s, len))
		return SL_PTYPE_STRING;
	if (sl_param_span_eq(s, len, "Number"))
		return SL_PTYPE_NUMBER;
	if (sl_param_span_eq(s, len, "CommaDelimitedList"))
		return SL_PTYPE_LIST;
	if (sl_param_unwrap(s, len, "List<", &in, &n)) {
		if (sl_param_span_eq(in, n, "Number"))
			return SL_PTYPE_LIST_NUM;
		if (sl_param_span_eq(in, n, "String") || sl_param_is_aws_type(in, n))
			return SL_PTYPE_LIST;
		return SL_PTYPE_INVALID;
	}
	if (sl_param_unwrap(s, len, "AWS::SSM::Parameter::Value<", &in, &n)) {
		const char *in2;
		size_t n2;
		if (sl_param_span_eq(in, n, "String") || sl_param_span_eq(in, n, "CommaDelimitedList") ||
		    sl_param_is_aws_type(in, n))
			return SL_PTYPE_SSM_VALUE;
		if (sl_param_unwrap(in, n, "List<", &in2, &n2) &&
		    (sl_param_span_eq(in2, n2, "String") || sl_param_is_aws_type(in2, n2)))
			return SL_PTYPE_SSM_VALUE;
		return SL_PTYPE_INVALID;
	}
	return SL_PTYPE_INVALID;
}

/* True for a Type of the form List<...> or AWS::SSM::Parameter::Value<...>:
 * CloudFormation takes any type of these forms, and validates the value only
 * for the documented ones (sl_param_type() != SL_PTYPE_INVALID); the others
 * are W2002's, not E2002's. */
static inline bool sl_param_generic_form(const char *s, size_t len)
{
	const char *in;
	size_t n;
	return sl_param_unwrap(s, len, "List<", &in, &n) ||
	       sl_param_unwrap(s, len, "AWS::SSM::Parameter::Value<", &in, &n);
}

/* The parameter's Type scalar when it is a plain string, else NULL. */
static inline const struct sl_node *sl_param_type_node(const struct sl_node *param)
{
	const struct sl_node *ty = sl_map_get(param, "Type");
	if (!ty || ty->kind != SL_SCALAR || sl_scalar_type(ty) != SL_TYPE_STRING)
		return NULL;
	return ty;
}

/* True when the parameter has NoEcho set to true (the boolean, or the string
 * "true" in any case, which CloudFormation also takes): its value is shown as
 * asterisks wherever CloudFormation describes the stack's parameters. */
static inline bool sl_param_no_echo(const struct sl_node *param)
{
	const struct sl_node *ne = sl_map_get(param, "NoEcho");
	return ne && ne->kind == SL_SCALAR &&
	       (sl_scalar_bool(ne) == 1 || (ne->len == 4 && strncasecmp(ne->str, "true", 4) == 0));
}

/* Parses a scalar as a number (YAML int/float, or a string holding one).
 * Returns false when it is not a number. */
static inline bool sl_param_number(const struct sl_node *n, double *out)
{
	if (!n || n->kind != SL_SCALAR || !n->len)
		return false;
	enum sl_scalar_type st = sl_scalar_type(n);
	if (st == SL_TYPE_NULL || st == SL_TYPE_BOOL)
		return false;
	char *end;
	const char *s = n->str;
	while (*s == ' ')
		s++;
	if (!*s)
		return false;
	*out = strtod(s, &end);
	while (*end == ' ')
		end++;
	return *end == '\0' && end == n->str + n->len;
}

#endif
