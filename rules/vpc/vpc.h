/*
 * Helpers shared by the Lambda-in-a-VPC rules (rules/vpc/): a function's
 * VpcConfig lists after SAM Globals, the subnets and security groups of the
 * template they name, a subnet's default route (through its route table
 * association), a security group's outbound HTTPS, and whether a role of the
 * template may manage network interfaces. Every question has an "unknown"
 * answer for what the template does not say (parameters, imports, literal IDs,
 * conditions, intrinsic functions): the rules stay silent then.
 */
#ifndef SL_RULES_VPC_VPC_H
#define SL_RULES_VPC_VPC_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"

#define SL_VPC_MAX_ITEMS 64

/* The items of the function's VpcConfig.<key> (SubnetIds, SecurityGroupIds)
 * after Globals (Globals' items first), at most max, into out; returns their
 * count. *known is false when the list (or part of it) is not a literal list
 * (a parameter, an Fn::If, ...); the items that are known are still given. */
size_t sl_vpc_items(const struct sl_node **out, size_t max, bool *known, const struct sl_template *t,
		    const struct sl_entity *fn, const char *key);

/* The resource of this type that item names with a Ref or an Fn::GetAtt of
 * attribute attr (may be NULL: Ref only), or NULL. */
const struct sl_entity *sl_vpc_target(const struct sl_template *t, const struct sl_node *item,
				      const char *type, const char *attr);

enum sl_vpc_route {
	SL_VPC_ROUTE_UNKNOWN = 0, /* no association in the template (main route table), a
				   * condition, a parameter, propagated routes, ... */
	SL_VPC_ROUTE_NONE,        /* the subnet's route table has no 0.0.0.0/0 route */
	SL_VPC_ROUTE_IGW,         /* 0.0.0.0/0 to an internet gateway of the template */
	SL_VPC_ROUTE_NAT,         /* 0.0.0.0/0 to a NAT gateway or instance */
	SL_VPC_ROUTE_OTHER,       /* 0.0.0.0/0 elsewhere (transit gateway, peering, firewall) */
};

/* The subnets, route tables and security groups of a template, read once:
 * sl_vpc_net_new() indexes its route table associations, routes, route
 * propagations and security group egress resources by the resource each names
 * (NULL when memory runs out), so that asking for every function costs
 * O(template log template). The template must outlive it; sl_vpc_net_free()
 * releases it. */
struct sl_vpc_net;
struct sl_vpc_net *sl_vpc_net_new(const struct sl_template *t);
void sl_vpc_net_free(struct sl_vpc_net *v);

/* The default route of a subnet of the template; *at (may be NULL) gets the
 * Route's target property key (GatewayId, NatGatewayId, ...) when there is one. */
enum sl_vpc_route sl_vpc_net_route(const struct sl_node **at, struct sl_vpc_net *v,
				   const struct sl_entity *subnet);

/* The subnet's MapPublicIpOnLaunch value node when it is true, else NULL. */
const struct sl_node *sl_vpc_public_ip(const struct sl_entity *subnet);

/* Whether a security group of the template lets traffic out on 443/tcp to some
 * destination: its SecurityGroupEgress (none: the default allow-all) and the
 * AWS::EC2::SecurityGroupEgress resources of the group. 1 yes, 0 no, -1 unknown. */
int sl_vpc_net_https(struct sl_vpc_net *v, const struct sl_entity *sg);

/* The function's VpcConfig.SubnetIds when it certainly puts the function in
 * a VPC (a literal non-empty list, or a parameter of a List<AWS::EC2::Subnet::Id>
 * type), else NULL. */
const struct sl_node *sl_vpc_subnets_node(const struct sl_template *t, const struct sl_entity *fn);

/* Whether a role of the template may create, describe and delete network
 * interfaces: its AWS managed policies (judged by their content,
 * spec/managed.h), inline policies, and the AWS::IAM::Policy,
 * ManagedPolicy and RolePolicy resources attached to it. 1 yes, 0 no, -1 unknown.
 * sl_vpc_eni_new() reads the template's policy resources once (NULL when
 * memory runs out); each role's answer is then found through the policies
 * that name it and kept, so asking for every function costs O(template log
 * template). The template must outlive it; sl_vpc_eni_free() releases it. */
struct sl_vpc_eni;
struct sl_vpc_eni *sl_vpc_eni_new(const struct sl_template *t);
int sl_vpc_eni_role(struct sl_vpc_eni *v, const struct sl_entity *role);
void sl_vpc_eni_free(struct sl_vpc_eni *v);

/* Calls fn(c, rule, ud) for every security group rule of the template: the
 * items of an AWS::EC2::SecurityGroup's SecurityGroupIngress and
 * SecurityGroupEgress, and the Properties of AWS::EC2::SecurityGroupIngress and
 * SecurityGroupEgress resources; a rule (or list item) written with Fn::If
 * gives each branch. Only literal maps are given (no other function, no
 * AWS::NoValue). */
void sl_vpc_each_sg_rule(struct sl_ctx *c,
			 void (*fn)(struct sl_ctx *c, const struct sl_node *rule, void *ud), void *ud);

#endif
