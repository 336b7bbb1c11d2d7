/*
 * Elastic Beanstalk's configuration options: one table of namespaces and their
 * options (name, type, allowed values, numeric range, default), written from
 * the AWS pages "General options for all environments" and "Platform specific
 * options" (options.c cites them). The same table checks the OptionSettings
 * of AWS::ElasticBeanstalk::Environment and ::ConfigurationTemplate (E99540,
 * E99541) and is meant for the side files that set options too
 * (option_settings in .ebextensions configuration files, env.yaml OptionSettings).
 *
 * Lookups are by binary search over sorted arrays, plus a short list of
 * namespace patterns whose last part is a name of the user's
 * (aws:elbv2:listener:443, aws:elasticbeanstalk:environment:process:admin).
 * Nothing here allocates or keeps state.
 */
#ifndef SL_RULES_BEANSTALK_OPTIONS_H
#define SL_RULES_BEANSTALK_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define SL_EB_GENERAL "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html"
#define SL_EB_SPECIFIC "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-specific.html"

/* How much of a namespace the table knows. */
enum sl_eb_ns_kind {
	SL_EB_LISTED,  /* every documented option written out: an unknown name is an error */
	SL_EB_PARTIAL, /* some options known (their values are checked), others may exist */
	SL_EB_FREE,    /* option names are the user's: environment properties, static file
			* paths, JVM options, custom options */
};

enum sl_eb_type {
	SL_EB_STRING = 0, /* any text: not checked */
	SL_EB_ENUM,       /* one of `values`, case as documented */
	SL_EB_BOOL,       /* true or false (any case) */
	SL_EB_INT,        /* a whole number in [min, max] */
	SL_EB_NUMBER,     /* a number in [min, max] (decimals allowed) */
};

struct sl_eb_option {
	const char *name;
	enum sl_eb_type type;
	const char *const *values; /* SL_EB_ENUM: the allowed values, NULL-terminated */
	double min, max;           /* SL_EB_INT, SL_EB_NUMBER: inclusive bounds */
	const char *def;           /* the documented default, or NULL */
};

struct sl_eb_namespace {
	const char *name; /* as documented; a pattern ends in ":<name>" (see sl_eb_namespace_find) */
	enum sl_eb_ns_kind kind;
	const struct sl_eb_option *options; /* sorted by name (strcmp) */
	size_t n_options;
	const char *source; /* the page that documents it: SL_EB_GENERAL or SL_EB_SPECIFIC */
};

/* The namespace called name (len bytes, case-sensitive as Elastic Beanstalk
 * reads it): an exact entry, or a pattern whose fixed part matches and whose
 * last part is a name of the user's (a process, a listener port, a rule, a
 * policy, a platform's container namespace). NULL when unknown. */
const struct sl_eb_namespace *sl_eb_namespace_find(const char *name, size_t len);

/* The known namespace closest to an unknown one (a different case, or a small
 * edit), for "did you mean"; NULL when none is close. For a pattern the
 * user's last part is kept (aws:elbv2:listner:443 -> aws:elbv2:listener:443).
 * The answer points into static data or into buf (size bytes). */
const char *sl_eb_namespace_suggest(const char *name, size_t len, char *buf, size_t size);

/* The option called name in ns, or NULL (always NULL for an SL_EB_FREE one). */
const struct sl_eb_option *sl_eb_option_find(const struct sl_eb_namespace *ns, const char *name,
					     size_t len);

/* The option of ns closest to an unknown name, or NULL. */
const char *sl_eb_option_suggest(const struct sl_eb_namespace *ns, const char *name, size_t len);

enum sl_eb_verdict {
	SL_EB_OK = 0,
	SL_EB_NOT_ALLOWED, /* not one of an enumeration's values, or not true/false */
	SL_EB_NOT_NUMBER,  /* a numeric option whose value is not a number */
	SL_EB_BELOW,       /* below min */
	SL_EB_ABOVE,       /* above max */
};

/* Checks the len bytes of text against the option. `typed_bool` tells that the
 * file's own syntax made the value a boolean (YAML true/yes/on), which a
 * boolean option accepts whatever its spelling. An empty value is OK (it
 * leaves the option at its default). *number gets the parsed number for
 * SL_EB_INT / SL_EB_NUMBER options when it parses. */
enum sl_eb_verdict sl_eb_value_check(const struct sl_eb_option *o, const char *text, size_t len,
				     bool typed_bool, double *number);

/* The allowed value closest to a rejected one (a different case, or a small
 * edit), or NULL. */
const char *sl_eb_value_suggest(const struct sl_eb_option *o, const char *text, size_t len);

/* The allowed values of an enumeration as "'a', 'b' or 'c'", written into buf
 * (size bytes, truncated with "..." when short). Returns buf. */
const char *sl_eb_values_text(const struct sl_eb_option *o, char *buf, size_t size);

/* The i-th namespace of the table (exact entries, then patterns), or NULL past
 * the end. For tests and documentation. */
const struct sl_eb_namespace *sl_eb_namespace_each(size_t i);

#endif
