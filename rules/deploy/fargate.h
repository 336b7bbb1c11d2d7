/*
 * Fargate task sizes, from the ECS documentation's table of valid CPU and
 * memory combinations for tasks hosted on Fargate ("Troubleshoot Amazon ECS
 * task definition invalid CPU or memory errors"): the task-level Cpu and
 * Memory values of a task definition, read as CloudFormation and ECS read
 * them (CPU units or "N vCPU", MiB or "N GB"), and whether a pair is one
 * Fargate offers. Used by E3047 and E3048.
 */
#ifndef SL_RULES_DEPLOY_FARGATE_H
#define SL_RULES_DEPLOY_FARGATE_H

#include <stdbool.h>

#include "load/node.h"

/* The CPU units a task-level Cpu value gives (1024 per vCPU), or -1 when it is
 * not a literal the rules can read. */
long long sl_fargate_cpu(const struct sl_node *n);

/* The MiB a task-level Memory value gives (1024 per GB), or -1 likewise. */
long long sl_fargate_memory(const struct sl_node *n);

/* The memory values the table allows for a Fargate CPU value, in words
 * ("512, 1024 or 2048 MiB"), or NULL when cpu is not one of the table's values
 * (256, 512, 1024, 2048, 4096, 8192, 16384). */
const char *sl_fargate_memory_text(long long cpu);

/* True when cpu is one of the table's values and memory one it allows. */
bool sl_fargate_fits(long long cpu, long long memory);

#endif
