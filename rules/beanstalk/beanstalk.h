/*
 * Reading the OptionSettings of AWS::ElasticBeanstalk::Environment and
 * AWS::ElasticBeanstalk::ConfigurationTemplate for the option rules (E99540,
 * E99541, W99542, E99543): every literal setting as written (Fn::If branches
 * taken one by one), and the settings an environment is known to end up with,
 * its own over those of a configuration template of the stack, for the rules
 * that judge two options together.
 *
 * Elastic Beanstalk applies settings from several places (the environment's,
 * a saved configuration, the .ebextensions of the deployed source bundle, then
 * defaults). An option the template does not set therefore has its documented
 * default only when nothing else can set it: no application version is
 * deployed (no VersionLabel), no saved configuration outside the stack is
 * named, and every setting is written out. Otherwise an unset option is
 * unknown, and the rules stay silent.
 */
#ifndef SL_RULES_BEANSTALK_BEANSTALK_H
#define SL_RULES_BEANSTALK_BEANSTALK_H

#include <stdbool.h>

#include "engine/engine.h"
#include "rules/beanstalk/options.h"

#define SL_EB_ENVIRONMENT "AWS::ElasticBeanstalk::Environment"
#define SL_EB_CONFIG_TEMPLATE "AWS::ElasticBeanstalk::ConfigurationTemplate"

/* One setting as written: an OptionSettings item (or one branch of an Fn::If
 * item) whose Namespace and OptionName are literal text. */
struct sl_eb_setting {
	const struct sl_entity *res; /* the resource */
	const struct sl_node *item;  /* the setting's map */
	const struct sl_node *ns, *name; /* the Namespace and OptionName scalars */
	const struct sl_node *value;     /* the Value node (may be NULL or a function) */
	bool conditional;                /* inside an Fn::If */
};

/* Calls fn for each setting of every Elastic Beanstalk environment and
 * configuration template, in source order. */
void sl_eb_each_setting(struct sl_ctx *c,
			void (*fn)(struct sl_ctx *c, const struct sl_eb_setting *s, void *ud), void *ud);

/* The options the cross-option rules read. */
enum sl_eb_key {
	SL_EB_K_POLICY = 0,  /* aws:elasticbeanstalk:command DeploymentPolicy */
	SL_EB_K_BATCH_TYPE,  /* aws:elasticbeanstalk:command BatchSizeType */
	SL_EB_K_BATCH_SIZE,  /* aws:elasticbeanstalk:command BatchSize */
	SL_EB_K_ENV_TYPE,    /* aws:elasticbeanstalk:environment EnvironmentType */
	SL_EB_K_LB_TYPE,     /* aws:elasticbeanstalk:environment LoadBalancerType */
	SL_EB_K_MIN_SIZE,    /* aws:autoscaling:asg MinSize */
	SL_EB_K_MAX_SIZE,    /* aws:autoscaling:asg MaxSize */
	SL_EB_K_COUNT
};

enum sl_eb_state {
	SL_EB_UNSET = 0, /* not set in the template */
	SL_EB_SET,       /* set to a literal value */
	SL_EB_UNKNOWN,   /* set by a function, under a condition, or twice */
};

/* What an environment (or a configuration template on its own) is known to
 * have. */
struct sl_eb_config {
	struct {
		enum sl_eb_state state;
		const struct sl_node *value; /* SL_EB_SET: the literal scalar */
	} k[SL_EB_K_COUNT];
	/* nothing outside the template can set an option: an unset one has its
	 * documented default */
	bool closed;
	bool worker; /* Tier Name Worker, or a Tier that cannot be read: no load balancer is known */
};

/* Fills *out for resource res: an environment's settings over those of its
 * configuration template when TemplateName is a Ref to (or the literal
 * TemplateName of) an AWS::ElasticBeanstalk::ConfigurationTemplate of the
 * template; a configuration template's own settings (never closed). */
void sl_eb_config_of(struct sl_eb_config *out, const struct sl_template *t,
		     const struct sl_entity *res);

/* Calls fn once for each configuration to judge: every environment, and every
 * configuration template that no environment of the template uses. */
void sl_eb_each_config(struct sl_ctx *c,
		       void (*fn)(struct sl_ctx *c, const struct sl_entity *res,
				  const struct sl_eb_config *cfg, void *ud),
		       void *ud);

/* The text of a setting's value when it is the literal at key k, or NULL;
 * for an unset key of a closed configuration, the documented default. */
const char *sl_eb_text(const struct sl_eb_config *cfg, enum sl_eb_key k);

/* The option of the table (options.h) that key k names, or NULL. */
const struct sl_eb_option *sl_eb_key_option(enum sl_eb_key k);

#endif
