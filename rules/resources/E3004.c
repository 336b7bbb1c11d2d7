/*
 * E3004: circular dependencies among resources, on the graph CloudFormation
 * sees after the SAM transform (src/analysis/deps.h: every Ref, Fn::GetAtt,
 * Fn::Sub variable and DependsOn made inside a resource and naming another
 * resource, less what SAM moves into resources it generates, plus the edges its
 * events add); a strongly connected component with more than
 * one resource (or a resource that names itself) is a cycle CloudFormation
 * refuses to order. Tarjan's algorithm runs with explicit stacks, so a chain or
 * cycle of thousands of resources costs linear time and no deep recursion.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/deps.h"
#include "engine/engine.h"
#include "util/buf.h"

/* Reports one cycle of the component with scc id `id`: the shortest path from
 * `root` (its first resource in source order) back to root, found by a
 * breadth-first search inside the component, at the reference that closes it.
 * queue has room for the component; pred[] is all -1 on entry and on return. */
static void report_cycle(struct sl_ctx *c, const struct sl_deps *g, const uint32_t *scc, uint32_t id,
			 uint32_t root, uint32_t *queue, long *pred)
{
	const struct sl_template *t = c->t;
	size_t qh = 0, qt = 0;
	long closing = -1;
	queue[qt++] = root;
	pred[root] = root;
	while (qh < qt && closing < 0) {
		uint32_t u = queue[qh++];
		for (uint32_t e = g->first[u]; e < g->first[u + 1]; e++) {
			uint32_t v = g->edges[e].to;
			if (v == root) {
				closing = e;
				break;
			}
			if (scc[v] == id && pred[v] == -1) {
				pred[v] = u;
				queue[qt++] = v;
			}
		}
	}
	uint32_t last = qh ? queue[qh - 1] : root;
	/* the path is root -> ... -> last; collect it backwards */
	size_t len = 1;
	for (uint32_t v = last; v != root; v = (uint32_t)pred[v])
		len++;
	uint32_t *path = malloc(len * sizeof(*path));
	struct sl_buf b = SL_BUF_INIT;
	if (path && closing >= 0) {
		size_t i = len;
		for (uint32_t v = last; i > 0; v = (uint32_t)pred[v])
			path[--i] = v;
		const size_t keep = 8; /* names shown at each end of a long cycle */
		for (i = 0; i < len; i++) {
			if (len > 2 * keep + 1 && i == keep) {
				sl_buf_printf(&b, "... (%zu more) -> ", len - 2 * keep);
				i = len - keep - 1;
				continue;
			}
			sl_buf_printf(&b, "%s -> ", t->resources.items[path[i]].key->str);
		}
		sl_buf_puts(&b, t->resources.items[root].key->str);
	}
	for (size_t i = 0; i < qt; i++)
		pred[queue[i]] = -1;
	free(path);
	if (!path || b.oom) {
		c->oom = true;
	} else if (closing >= 0) {
		const struct sl_dep_edge *e = &g->edges[closing];
		const struct sl_ref *r = &t->refs[e->ref];
		/* an edge SAM adds: say where it comes from */
		char why[512] = "";
		if (e->attach)
			snprintf(why, sizeof(why), "; this event attaches '%s' to '%s', so after the "
				 "SAM transform '%s' depends on '%s'", r->from->key->str, r->name,
				 r->name, r->from->key->str);
		if (len == 1)
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end),
				       "resource '%s' depends on itself (%s); CloudFormation cannot "
				       "order it%s", r->name, sl_buf_cstr(&b), why);
		else
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end),
				       "circular dependency between resources: %s; CloudFormation "
				       "cannot order them%s", sl_buf_cstr(&b), why);
	}
	sl_buf_free(&b);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_deps g = { 0 };
	size_t n = t->resources.n;
	if (n == 0)
		return;
	if (sl_deps_build(&g, t) < 0) {
		c->oom = true;
		return;
	}
	/* iterative Tarjan */
	uint32_t *index = malloc(n * sizeof(*index)), *low = malloc(n * sizeof(*low));
	uint32_t *stack = malloc(n * sizeof(*stack)), *call = malloc(n * sizeof(*call));
	uint32_t *edge_pos = malloc(n * sizeof(*edge_pos)), *scc = malloc(n * sizeof(*scc));
	long *via = malloc(n * sizeof(*via));
	bool *on = calloc(n, sizeof(*on));
	if (!index || !low || !stack || !call || !edge_pos || !scc || !via || !on) {
		c->oom = true;
		goto out;
	}
	const uint32_t unset = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		index[i] = unset;
		via[i] = -1;
	}
	uint32_t next = 0, sp = 0, n_scc = 0;
	for (uint32_t s = 0; s < n; s++) {
		if (index[s] != unset)
			continue;
		size_t depth = 0;
		call[depth++] = s;
		index[s] = low[s] = next++;
		edge_pos[s] = g.first[s];
		stack[sp++] = s;
		on[s] = true;
		while (depth) {
			uint32_t u = call[depth - 1];
			if (edge_pos[u] < g.first[u + 1]) {
				uint32_t v = g.edges[edge_pos[u]++].to;
				if (index[v] == unset) {
					index[v] = low[v] = next++;
					edge_pos[v] = g.first[v];
					stack[sp++] = v;
					on[v] = true;
					call[depth++] = v;
				} else if (on[v] && index[v] < low[u]) {
					low[u] = index[v];
				}
				continue;
			}
			depth--;
			if (depth && low[u] < low[call[depth - 1]])
				low[call[depth - 1]] = low[u];
			if (low[u] != index[u])
				continue;
			/* u roots a component: pop it; the root of the report is its member
			 * first in source order */
			uint32_t id = n_scc++, size = 0, first = u;
			bool self = false;
			uint32_t w;
			do {
				w = stack[--sp];
				on[w] = false;
				scc[w] = id;
				size++;
				if (w < first)
					first = w;
			} while (w != u);
			if (size == 1)
				for (uint32_t e = g.first[u]; e < g.first[u + 1]; e++)
					if (g.edges[e].to == u)
						self = true;
			if (size > 1 || self)
				report_cycle(c, &g, scc, id, first, stack + sp, via);
		}
	}
out:
	free(index);
	free(low);
	free(stack);
	free(call);
	free(edge_pos);
	free(scc);
	free(via);
	free(on);
	sl_deps_free(&g);
}

const struct sl_rule rule_E3004 = {
	.id = "E3004",
	.severity = SL_SEV_ERROR,
	.title = "Resources do not depend on each other in a cycle",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html",
	.doc =
	"### What it checks\n"
	"Every Ref, Fn::GetAtt, Fn::Sub variable and DependsOn inside a resource that names another "
	"resource makes the first depend on the second. The rule finds each group of resources that "
	"depend on one another in a cycle (including a resource that names itself) and reports one "
	"cycle of the group, as `A -> B -> C -> A`, at the reference that closes it.\n\n"
	"A SAM template is judged as the transform leaves it: a function does not depend on the "
	"sources its Events name (the transform makes permissions, mappings and subscriptions of "
	"them), nor on what its DeploymentPreference or an API's stage, domain and usage plan "
	"settings name; but an Api, HttpApi, S3 or Cognito event attaches the function to the API, "
	"bucket or user pool, which then depends on the function.\n\n"
	"### Why it matters\n"
	"CloudFormation creates a resource only after everything it depends on; with a cycle there "
	"is no order, and the stack fails validation with \"Circular dependency between resources\". "
	"The usual fix is to break one edge: a separate attachment resource (a security group "
	"ingress rule, a bucket policy) instead of an inline property.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  ClientSG:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: client\n"
	"      SecurityGroupEgress:\n"
	"        - DestinationSecurityGroupId: !Ref ServerSG\n"
	"          IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"  ServerSG:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: server\n"
	"      SecurityGroupIngress:\n"
	"        - SourceSecurityGroupId: !Ref ClientSG\n"
	"          IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  ClientSG:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: client\n"
	"  ServerSG:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: server\n"
	"      SecurityGroupIngress:\n"
	"        - SourceSecurityGroupId: !Ref ClientSG\n"
	"          IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"  ClientEgress:\n"
	"    Type: AWS::EC2::SecurityGroupEgress\n"
	"    Properties:\n"
	"      GroupId: !Ref ClientSG\n"
	"      DestinationSecurityGroupId: !Ref ServerSG\n"
	"      IpProtocol: tcp\n"
	"      FromPort: 443\n"
	"      ToPort: 443\n"
	"```\n",
	.check = check,
};
