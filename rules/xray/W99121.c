/* W99121: AWS_XRAY_DAEMON_ADDRESS that is not host:port (or tcp:host:port udp:host:port). */
#include <pthread.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rules/sam/samrules.h"
#include "rules/xray/xray.h"

/* An address is an IPv4 address or a DNS name (the SDKs resolve names, and
 * container setups use them: "xray-daemon:2000"), then a port 1-65535; the
 * split form gives a TCP and a UDP address, in either order. */
static const char address_re[] =
	"^(?(DEFINE)"
	"(?<ip>(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))"
	"(?<name>(?=[^:]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
	"(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)"
	"(?<port>6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})"
	"(?<hp>(?:(?&ip)|(?&name)):(?&port)))"
	"(?:(?&hp)|tcp:(?&hp) udp:(?&hp)|udp:(?&hp) tcp:(?&hp))$";

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pcre2_code *address; /* compiled once, shared read-only by all threads */

static void compile(void)
{
	int err;
	PCRE2_SIZE off;
	address = pcre2_compile((PCRE2_SPTR)address_re, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
}

/* 1 when s matches, 0 when not, -1 when it cannot be told (no regex, OOM). */
static int address_ok(const struct sl_node *v)
{
	pthread_once(&once, compile);
	if (!address)
		return -1;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(address, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(address, (PCRE2_SPTR)v->str, v->len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

struct bad {
	const struct sl_node *v;
};

static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)c;
	struct bad *b = ud;
	if (!b->v && sl_node_is(v, SL_SCALAR) && address_ok(v) == 0)
		b->v = v; /* intrinsic functions and lists are not judged */
}

static void check_var(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *value,
		      void *ud)
{
	(void)ud;
	if (!sl_str_eq(key, "AWS_XRAY_DAEMON_ADDRESS"))
		return;
	struct bad b = { NULL };
	sl_samr_each_value(value, judge, c, &b);
	if (b.v)
		sl_report(c, key, "AWS_XRAY_DAEMON_ADDRESS is '%s', not IP_ADDRESS:PORT (e.g. "
			  "127.0.0.1:2000) or 'tcp:IP_ADDRESS:PORT udp:IP_ADDRESS:PORT': the X-Ray SDK "
			  "cannot send traces there. Lambda sets this variable itself to its own daemon, "
			  "so a Lambda function rarely needs it", b.v->str);
}

static void check(struct sl_ctx *c)
{
	sl_xray_each_env(c, check_var, NULL);
}

const struct sl_rule rule_W99121 = {
	.id = "W99121",
	.severity = SL_SEV_WARNING,
	.title = "AWS_XRAY_DAEMON_ADDRESS is an address and a port",
	.source = "https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-python-configuration.html#xray-sdk-python-configuration-envvars",
	.doc =
	"### What it checks\n"
	"An `AWS_XRAY_DAEMON_ADDRESS` environment variable of an `AWS::Lambda::Function` or "
	"`AWS::Serverless::Function` (and SAM's `Globals.Function`) has the form "
	"`IP_ADDRESS:PORT`, or `tcp:IP_ADDRESS:PORT udp:IP_ADDRESS:PORT` for separate TCP and UDP "
	"listeners. A host name is accepted in place of the IP address, since the SDKs resolve it. "
	"Values written as intrinsic functions are not judged; each literal branch of an `Fn::If` "
	"is.\n\n"
	"### Why it matters\n"
	"The X-Ray SDK sends segments to that address over UDP and asks it for sampling rules over "
	"TCP; a URL, a missing port or a port out of range means traces go nowhere (or the SDK "
	"fails to start). Lambda sets the variable itself to the daemon it runs for the function, "
	"so a Lambda function rarely needs to set it at all.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Environment:\n"
	"      Variables:\n"
	"        AWS_XRAY_DAEMON_ADDRESS: http://127.0.0.1:2000\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Environment:\n"
	"      Variables:\n"
	"        AWS_XRAY_DAEMON_ADDRESS: 127.0.0.1:2000\n"
	"```\n",
	.check = check,
};
