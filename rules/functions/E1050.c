/* E1050: a dynamic reference is well formed. */
#include "rules/functions/dynref.h"

#include <ctype.h>
#include <strings.h>

/* Characters of a Parameter Store name (the docs' [a-zA-Z0-9_.\-/]+). */
static bool ssm_name(const struct sl_dynref_part *p)
{
	if (!p->len)
		return false;
	for (size_t i = 0; i < p->len; i++) {
		unsigned char ch = (unsigned char)p->s[i];
		if (!isalnum(ch) && ch != '_' && ch != '.' && ch != '-' && ch != '/')
			return false;
	}
	return true;
}

static bool digits(const struct sl_dynref_part *p)
{
	if (!p->len)
		return false;
	for (size_t i = 0; i < p->len; i++)
		if (!isdigit((unsigned char)p->s[i]))
			return false;
	return true;
}

static bool any_varies(const struct sl_dynref_part *parts, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (sl_dynref_part_varies(&parts[i]))
			return true;
	return false;
}

static void check_service(struct sl_ctx *c, const struct sl_dynref *r, const char *show,
			  const struct sl_dynref_part *svc)
{
	static const char *const known[] = { "ssm", "ssm-secure", "secretsmanager" };
	if (!svc->len) {
		sl_dynref_report(c, r, "%s: the reference names no service; write "
				 "{{resolve:ssm:name}}, {{resolve:ssm-secure:name}} or "
				 "{{resolve:secretsmanager:secret-id}}", show);
		return;
	}
	const char *near = NULL;
	for (size_t i = 0; i < 3; i++)
		if (svc->len == strlen(known[i]) && strncasecmp(svc->s, known[i], svc->len) == 0)
			near = known[i];
	if (!near)
		near = sl_suggest(svc->s, svc->len, known, 3);
	if (near)
		sl_dynref_report(c, r, "%s: '%.*s' is not a dynamic reference service; did you mean "
				 "'%s'? (ssm, ssm-secure or secretsmanager)", show, (int)svc->len,
				 svc->s, near);
	else
		sl_dynref_report(c, r, "%s: '%.*s' is not a dynamic reference service (ssm, "
				 "ssm-secure or secretsmanager)", show, (int)svc->len, svc->s);
}

/* {{resolve:ssm:name}}, {{resolve:ssm:name:version}} (ssm-secure alike) */
static void check_ssm(struct sl_ctx *c, const struct sl_dynref *r, const char *show,
		      const struct sl_dynref_part *parts, size_t n)
{
	const char *svc = r->service == SL_DYNREF_SSM ? "ssm" : "ssm-secure";
	/* a ${Var} may stand for ':' and a version: nothing more is known */
	if (any_varies(parts, 2, n < 8 ? n : 8))
		return;
	/* an ARN (a parameter of another account): left to CloudFormation */
	if (sl_dynref_part_is(&parts[2], "arn"))
		return;
	if (!ssm_name(&parts[2])) {
		if (!parts[2].len)
			sl_dynref_report(c, r, "%s: the parameter name is empty; write "
					 "{{resolve:%s:parameter-name}} or {{resolve:%s:parameter-name:"
					 "version}}", show, svc, svc);
		else
			sl_dynref_report(c, r, "%s: '%.*s' is not a Parameter Store name (letters, "
					 "digits and _ . - / only)", show, (int)parts[2].len,
					 parts[2].s);
		return;
	}
	if (n > 4) {
		sl_dynref_report(c, r, "%s: an %s reference has at most a parameter name and a "
				 "version ({{resolve:%s:parameter-name:version}}); this one has %zu "
				 "segments after '%s:'", show, svc, svc, n - 2, svc);
		return;
	}
	if (n == 4 && !digits(&parts[3])) {
		sl_dynref_report(c, r, "%s: the version '%.*s' is not a number (the version of "
				 "the parameter, e.g. 1)", show, (int)parts[3].len, parts[3].s);
		return;
	}
	/* CloudFormation resolves a Parameters-section reference without a version
	 * nowhere: it requires one there */
	if (n == 3 && r->service == SL_DYNREF_SSM && r->path_known && sl_dynref_at(r, 0, "Parameters") &&
	    (sl_dynref_at(r, 2, "Default") || sl_dynref_at(r, 2, "AllowedValues")))
		sl_dynref_report(c, r, "%s: in the Parameters section an ssm reference needs a "
				 "version ({{resolve:ssm:%.*s:1}}), or declare the parameter with "
				 "Type AWS::SSM::Parameter::Value<String> and the name as Default",
				 show, (int)parts[2].len, parts[2].s);
}

/* {{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}},
 * secret-id a name or an ARN (arn:partition:secretsmanager:region:account:secret:name) */
static void check_secret(struct sl_ctx *c, const struct sl_dynref *r, const char *show,
			 const struct sl_dynref_part *parts, size_t n)
{
	/* the checks stop at the first deploy-time value: it may hold ':' */
	size_t known = 2;
	while (known < n && known < 16 && !sl_dynref_part_varies(&parts[known]))
		known++;
	if (known < 3)
		return;
	if (!parts[2].len) {
		sl_dynref_report(c, r, "%s: the secret ID is empty; write {{resolve:secretsmanager:"
				 "secret-name-or-arn:SecretString:json-key}}", show);
		return;
	}
	size_t off = 3; /* the SecretString segment */
	if (sl_dynref_part_is(&parts[2], "arn")) {
		off = 9;
		if (known > 7 && !sl_dynref_part_is(&parts[7], "secret")) {
			sl_dynref_report(c, r, "%s: a secret ARN reads arn:partition:secretsmanager:"
					 "region:account:secret:name; its sixth field is '%.*s', not "
					 "'secret'", show, (int)parts[7].len, parts[7].s);
			return;
		}
		if (known == n && n < 9) {
			sl_dynref_report(c, r, "%s: the secret ARN is incomplete (arn:partition:"
					 "secretsmanager:region:account:secret:name)", show);
			return;
		}
	}
	if (known > off && !sl_dynref_part_is(&parts[off], "SecretString") && parts[off].len) {
		sl_dynref_report(c, r, "%s: after the secret ID comes 'SecretString' (the only "
				 "value it takes), not '%.*s'; for a key of a JSON secret write "
				 "...:SecretString:%.*s", show, (int)parts[off].len, parts[off].s,
				 (int)parts[off].len, parts[off].s);
		return;
	}
	if (known == n && n > off + 4)
		sl_dynref_report(c, r, "%s: after the secret ID a secretsmanager reference takes at "
				 "most SecretString, json-key, version-stage and version-id; this one has "
				 "%zu segments", show, n - off);
}

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service == SL_DYNREF_VARIABLE)
			continue;
		struct sl_dynref_part parts[16];
		size_t np = sl_dynref_parts(r, parts, 16);
		const char *show = sl_dynref_show(c, r);
		if (r->service == SL_DYNREF_OTHER) {
			check_service(c, r, show, &parts[1]);
			continue;
		}
		if (np < 3) {
			sl_dynref_report(c, r, "%s: the reference names no parameter or secret; write "
					 "{{resolve:%.*s:name}}", show, (int)parts[1].len, parts[1].s);
			continue;
		}
		/* CloudFormation cannot resolve a reference that ends in a backslash */
		if (r->text[r->len - 3] == '\\') {
			sl_dynref_report(c, r, "%s: a dynamic reference must not end with a backslash "
					 "(CloudFormation cannot resolve it)", show);
			continue;
		}
		if (r->service == SL_DYNREF_SECRETS)
			check_secret(c, r, show, parts, np);
		else
			check_ssm(c, r, show, parts, np);
	}
}

const struct sl_rule rule_E1050 = {
	.id = "E1050",
	.severity = SL_SEV_ERROR,
	.title = "Dynamic references are well formed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
	.doc =
	"### What it checks\n"
	"Every `{{resolve:service:key}}` in a string (also in the text of a `Fn::Sub` or "
	"`Fn::Join`) names a service CloudFormation knows — `ssm`, `ssm-secure` or "
	"`secretsmanager` — and has its shape:\n"
	"- `{{resolve:ssm:name}}` or `{{resolve:ssm:name:version}}` (the same for `ssm-secure`): "
	"a Parameter Store name of letters, digits, `_ . - /`, an integer version, nothing "
	"after it; in the Parameters section an `ssm` reference needs its version;\n"
	"- `{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}`: "
	"a secret name or a whole secret ARN, then `SecretString` (or nothing), then at most "
	"three more segments;\n"
	"- no reference ends with a backslash.\n\n"
	"Parts that come from a `${Var}` of a Sub (or a function in a Join) are known only at "
	"deploy time: what follows them is not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the stack operation when it cannot parse a reference. The "
	"usual slip is a secret's JSON key written straight after the secret name: "
	"`{{resolve:secretsmanager:MySecret:password}}` asks for a secret-string segment "
	"called `password`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUsername: '{{resolve:secretmanager:MyDbSecret:SecretString:username}}'\n"
	"      MasterUserPassword: '{{resolve:secretsmanager:MyDbSecret:password}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      MasterUsername: '{{resolve:secretsmanager:MyDbSecret:SecretString:username}}'\n"
	"      MasterUserPassword: '{{resolve:secretsmanager:MyDbSecret:SecretString:password}}'\n"
	"```\n",
	.check = check,
};
