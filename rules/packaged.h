/*
 * The resource properties that `aws cloudformation package` and `sam package`
 * (also run by `sam deploy`) rewrite: before packaging they hold a local path
 * (a file or a folder), which the command uploads to S3 and replaces with the
 * S3 location in the form the property takes (an object {S3Bucket, S3Key}, an
 * s3:// URI or an https:// URL). The list joins the AWS CLI's documentation of
 * `aws cloudformation package`, the artifact exporters of the AWS CLI and of
 * the SAM CLI, and cfn-lint's W3002. Shared by the schema walk (a local path
 * there is not a type error) and by W3002 (it is a warning).
 */
#ifndef SL_RULES_PACKAGED_H
#define SL_RULES_PACKAGED_H

#include <stdbool.h>
#include <stddef.h>

#include "load/node.h"

struct sl_packaged {
	const char *type;
	const char *path[3]; /* property names from Properties down, NULL-terminated */
	bool null_is_cwd;    /* no value (null) packages the template's own folder */
};

/* The entries, sorted by type; *n gets their number. */
const struct sl_packaged *sl_packaged_props(size_t *n);

/* The entry for value v of a resource of type rtype when v sits at one of the
 * packaged paths (directly under that path from the resource's Properties),
 * or NULL. */
const struct sl_packaged *sl_packaged_find(const char *rtype, const struct sl_node *v);

#endif
