/*
 * assign: exact maximum-weight matching on a sparse bipartite graph.
 *
 * The pool-wide proposal (matching.md) picks at most one right vertex
 * (household) per left vertex (unit) and one left per right, maximising the
 * total weight of the chosen edges. Every weight is positive; the caller
 * folds its lexicographic objective into one integer (see match.c).
 *
 * The algorithm is min-cost flow (S -> left -> right -> T, unit capacities,
 * cost = -weight, any flow value) by shortest paths with Johnson potentials
 * and Dijkstra: left vertices join one at a time, and each join cancels the
 * one negative cycle it can create (the shortest path from the new vertex
 * back to S/T), so after every step the matching is the best one of the
 * vertices so far -- exactly optimal at the end, never greedy. The residual
 * graph is implicit (a matched pair is the only backward edge), so memory
 * is the edge list plus a few arrays per vertex.
 */
#ifndef RAA_DOMAIN_ASSIGN_H
#define RAA_DOMAIN_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

struct assign_edge {
	int32_t right;  /* 0 .. nright-1 */
	int64_t weight; /* > 0 */
};

/* Compressed rows: left vertex i has edges e[start[i] .. start[i+1]). */
struct assign_graph {
	size_t nleft, nright;
	const size_t *start;        /* nleft + 1 entries */
	const struct assign_edge *e;
};

/* Fills match_left[nleft] with the right vertex of each left vertex, or -1,
 * for a matching of maximum total weight, and returns that weight. The
 * caller keeps |weights| * (nleft + nright) well inside int64_t. */
int64_t assign_solve(const struct assign_graph *g, int32_t *match_left);

#endif
