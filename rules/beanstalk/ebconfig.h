/*
 * Helpers shared by the rules on Elastic Beanstalk's environment manifest
 * (env.yaml, E992x/W992x) and configuration files (.ebextensions/<name>.config,
 * E993x/W993x), and by the template rules that judge option settings with the
 * same table (E99540, E99541): a walk over option settings in the forms these
 * files write them, and the messages for an option or a value the table
 * (options.h) rejects, so that every file kind words them alike.
 *
 * These rules run on the file's document root (c->root); there is no
 * template (c->t is NULL).
 */
#ifndef SL_RULES_BEANSTALK_EBCONFIG_H
#define SL_RULES_BEANSTALK_EBCONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "load/node.h"
#include "rules/beanstalk/ebfiles.h"
#include "rules/beanstalk/options.h"

#define SL_EB_MANIFEST_DOC SL_EB_DOC "environment-cfg-manifest.html"
#define SL_EB_SAVEDCONFIG_DOC SL_EB_DOC "environment-configuration-savedconfig.html"
#define SL_EB_EBEXT_DOC SL_EB_DOC "ebextensions.html"
#define SL_EB_OPTIONSETTINGS_DOC SL_EB_DOC "ebextensions-optionsettings.html"
#define SL_EB_LINUX_DOC SL_EB_DOC "customize-containers-ec2.html"
#define SL_EB_API_CREATE "https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_CreateEnvironment.html"

/* The namespace configuration files use when a setting names none. */
#define SL_EB_DEFAULT_NS "aws:elasticbeanstalk:application:environment"

/* How a setting's failure reads in a message: `fails` completes "Elastic
 * Beanstalk rejects option settings it does not know, and ..." ("the stack
 * operation fails"), `failing` completes "Elastic Beanstalk rejects the
 * setting, ..." ("failing the stack operation"). */
struct sl_eb_effect {
	const char *fails;
	const char *failing;
};

/* Reports `name` (an option name scalar) when ns is a namespace whose options
 * the table lists in full and none is called so, with the closest option;
 * ns_name is the namespace as written, for the message. Returns true when it
 * reported. */
bool sl_eb_report_option(struct sl_ctx *c, const struct sl_node *name, const char *ns_name,
			 const struct sl_eb_namespace *ns, const struct sl_eb_effect *e);

/* Reports the value node v of option o (named opt, in namespace ns_name) when
 * it is a literal scalar the table rejects: not one of an enumeration's
 * values, not true/false, not a number, out of range. Functions, lists,
 * nulls and text options are left alone. */
void sl_eb_report_value(struct sl_ctx *c, const struct sl_node *v, const struct sl_eb_option *o,
			const char *opt, const char *ns_name, const struct sl_eb_effect *e);

/* One option setting of a side file. */
struct sl_ebc_setting {
	const struct sl_node *ns_node; /* the namespace scalar, or NULL when the default applies */
	const char *ns;                /* the namespace (NUL-terminated), without a
					* "ResourceName." prefix */
	size_t ns_len;
	const struct sl_node *name;    /* the option name scalar */
	const struct sl_node *value;   /* the value node, or NULL when absent */
};

/* Calls fn for each setting of an option settings node, in source order: the
 * mapping form (namespace: {option: value}, env.yaml's and the configuration
 * files' shorthand) always, and with `list_form` the list form of
 * configuration files (items {namespace, option_name, value}; an item without
 * namespace is in SL_EB_DEFAULT_NS). Items, namespaces and option names that
 * are not literal text of the expected shape are skipped (the structure rules
 * report them). */
void sl_ebc_each_setting(struct sl_ctx *c, const struct sl_node *settings, bool list_form,
			 void (*fn)(struct sl_ctx *c, const struct sl_ebc_setting *s, void *ud),
			 void *ud);

/* Checks the setting s of a side file against the table: an unknown
 * namespace is reported (a warning's wording: platforms have namespaces the
 * table lacks) when `unknown_ns`; otherwise an option the namespace does not
 * have, and a value the option does not take, are reported with effect e.
 * Values that are backtick-quoted functions are left alone. */
void sl_ebc_check_setting(struct sl_ctx *c, const struct sl_ebc_setting *s, bool unknown_ns,
			  const struct sl_eb_effect *e);

/* True when text value v holds one of the backtick-quoted functions
 * configuration files allow in option values ("`{\"Ref\": ...}`"): its value
 * is not known before deployment. */
bool sl_ebc_is_function_text(const struct sl_node *v);

/* True when root (an env.yaml) is an Elastic Beanstalk environment manifest: a
 * mapping with at least one key only a manifest or a saved configuration has
 * (AWSConfigurationTemplateVersion, SolutionStack, Platform, OptionSettings,
 * EnvironmentTier, EnvironmentName, EnvironmentLinks, CName,
 * EnvironmentConfigurationMetadata). env.yaml is a common name (conda
 * environments, Cloud Run variables): the env.yaml rules stay silent on any
 * other file. */
bool sl_ebc_is_manifest(const struct sl_node *root);

/* The candidate among the NULL-terminated names closest to the scalar k (a
 * different case, or a small edit), or NULL. */
const char *sl_ebc_suggest(const struct sl_node *k, const char *const *names);

/* True when the scalar k is one of the NULL-terminated names. */
bool sl_ebc_in(const struct sl_node *k, const char *const *names);

#endif
