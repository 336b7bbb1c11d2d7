/*
 * The deployment package of an AWS::Lambda::Function as its properties give
 * it: a .zip file archive or a container image (PackageType, Code), and the
 * inline code CloudFormation zips itself (Code.ZipFile). Read by the
 * zip-deployment rules W2533, E3677 and E3678.
 */
#ifndef SL_RULES_LAMBDA_ZIP_H
#define SL_RULES_LAMBDA_ZIP_H

#include <stdbool.h>

#include "rules/lambda/branches.h"
#include "rules/lambda/lambda.h"

/* The AWS::Lambda::Function reference page: zip packages need Handler and
 * Runtime; its Code page: inline code is for Node.js and Python. */
#define SL_LAM_CFN_REFERENCE \
	"https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
#define SL_LAM_FUNCTION_SOURCE SL_LAM_CFN_REFERENCE "aws-resource-lambda-function.html"
#define SL_LAM_CODE_SOURCE SL_LAM_CFN_REFERENCE "aws-properties-lambda-function-code.html"

/* True when a property is given: present, not null, not {"Ref": "AWS::NoValue"}. */
bool sl_lam_present(const struct sl_node *n);

/* Whether an AWS::Lambda::Function with these Properties deploys a .zip file
 * archive: 1 when PackageType is Zip, or absent (Zip is the default) with a
 * Code that is a map, or an Fn::If of maps, without ImageUri; 0 when it is an
 * image (PackageType: Image, or an ImageUri); -1 when that cannot be known
 * here (a PackageType from a parameter, no Code, a Code of another shape). */
int sl_lam_is_zip(const struct sl_node *props);

/* Calls fn for each ZipFile (present, not null) of Code: of Code itself when
 * it is a map, or of each map an Fn::If of Code may give, with the branches. */
void sl_lam_each_inline_code(const struct sl_node *code,
			     void (*fn)(const struct sl_node *zipfile, const struct sl_lam_when *when,
					void *ud),
			     void *ud);

#endif
