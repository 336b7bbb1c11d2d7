/*
 * Template-level limits shared by E1002/I1002 (template size) and
 * E1003/I1003 (Description length): CloudFormation's quotas, and the share of
 * a limit at which the informational rules start to warn.
 */
#ifndef SL_RULES_TEMPLATE_LIMITS_H
#define SL_RULES_TEMPLATE_LIMITS_H

#define SL_TEMPLATE_MAX_BYTES 1000000u   /* a template body from S3: 1 MB */
#define SL_DESCRIPTION_MAX_BYTES 1024u
#define SL_APPROACHING_PERCENT 90u

#endif
