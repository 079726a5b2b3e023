/*
 * assign: successive shortest paths with potentials on the implicit
 * residual graph of a bipartite matching.
 *
 * Nodes: left 0..L-1, right L..L+R-1, and Z, which is both the source
 * and the sink of the flow (S and T merged: the flow's value is free).
 * Costs are -weight. Potentials keep every residual edge's reduced cost
 * c + p(x) - p(y) non-negative, so Dijkstra finds shortest paths. A search
 * stops as soon as Z is settled; only the nodes settled before Z move their
 * potential, by d(v) - d(Z), which keeps every reduced cost non-negative
 * (the Jonker-Volgenant update), so a search costs what it visits, not the
 * whole graph.
 */
#include "domain/assign.h"

#include <stdbool.h>
#include <stdlib.h>

#include "core/mem.h"

#define INF INT64_MAX

struct hitem {
	int64_t d;
	int32_t v;
};

struct heap {
	struct hitem *a;
	size_t n, cap;
};

static bool hless(const struct hitem *x, const struct hitem *y)
{
	return x->d < y->d || (x->d == y->d && x->v < y->v);
}

static void sift_down(struct heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < h->n && hless(&h->a[l], &h->a[m]))
			m = l;
		if (l + 1 < h->n && hless(&h->a[l + 1], &h->a[m]))
			m = l + 1;
		if (m == i)
			return;
		struct hitem t = h->a[i];
		h->a[i] = h->a[m];
		h->a[m] = t;
		i = m;
	}
}

static inline void heap_push(struct heap *h, int64_t d, int32_t v)
{
	xgrow((void **)&h->a, &h->cap, h->n + 1, sizeof *h->a);
	size_t i = h->n++;
	h->a[i] = (struct hitem){ d, v };
	while (i > 0 && hless(&h->a[i], &h->a[(i - 1) / 2])) {
		struct hitem t = h->a[i];
		h->a[i] = h->a[(i - 1) / 2];
		h->a[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static struct hitem heap_pop(struct heap *h)
{
	struct hitem top = h->a[0];
	h->a[0] = h->a[--h->n];
	sift_down(h, 0);
	return top;
}

/* The whole solver state; node ids: left i, right L + j, Z = L + R. */
struct ssp {
	const struct assign_graph *g;
	int32_t L, R, Z;
	int32_t *mate_l, *mate_r;
	int64_t *mw_l;       /* weight of left i's matched edge */
	int64_t *pot;        /* L + R + 1 */
	int64_t *d;
	uint32_t *stamp;     /* d[v] valid when stamp[v] == phase */
	int32_t *prev;       /* right: the left it was reached from; left: its old mate; Z: either */
	int64_t *prevw;      /* right: weight of the edge it was reached by */
	int32_t *settled;    /* nodes settled before Z, this phase */
	size_t nsettled;
	uint32_t phase;
	struct heap heap;
};

static int64_t dist(const struct ssp *s, int32_t v)
{
	return s->stamp[v] == s->phase ? s->d[v] : INF;
}

static inline bool relax(struct ssp *s, int32_t v, int64_t nd, int32_t from)
{
	if (nd >= dist(s, v))
		return false;
	s->stamp[v] = s->phase;
	s->d[v] = nd;
	s->prev[v] = from;
	heap_push(&s->heap, nd, v);
	return true;
}

static void expand_left(struct ssp *s, int32_t u, int64_t du)
{
	const struct assign_graph *g = s->g;
	for (size_t k = g->start[u]; k < g->start[u + 1]; k++) {
		int32_t h = g->e[k].right;
		if (h == s->mate_l[u])
			continue;
		int32_t v = s->L + h;
		if (relax(s, v, du + (-g->e[k].weight + s->pot[u] - s->pot[v]), u))
			s->prevw[h] = g->e[k].weight;
	}
	if (s->mate_l[u] >= 0) /* leave u out: its household goes to another */
		relax(s, s->Z, du + s->pot[u] - s->pot[s->Z], u);
}

static void expand_right(struct ssp *s, int32_t v, int64_t dv)
{
	int32_t h = v - s->L, u = s->mate_r[h];
	if (u < 0)
		relax(s, s->Z, dv + s->pot[v] - s->pot[s->Z], v);
	else
		relax(s, u, dv + s->mw_l[u] + s->pot[v] - s->pot[u], v);
}

/* Dijkstra from left vertex src to Z; false if Z is out of reach. */
static bool search(struct ssp *s, int32_t src)
{
	s->phase++;
	s->heap.n = 0;
	s->nsettled = 0;
	relax(s, src, 0, -1);
	while (s->heap.n) {
		struct hitem it = heap_pop(&s->heap);
		if (it.d != dist(s, it.v))
			continue; /* stale entry */
		if (it.v == s->Z)
			return true;
		s->settled[s->nsettled++] = it.v;
		if (it.v < s->L)
			expand_left(s, it.v, it.d);
		else
			expand_right(s, it.v, it.d);
	}
	return false;
}

/* Flips the path ending at Z: it ends at a free right vertex (one more
 * pair) or at a left vertex that gives its right vertex up. */
static void augment(struct ssp *s)
{
	int32_t v = s->prev[s->Z];
	if (v < s->L) {
		s->mate_l[v] = -1;
		v = s->prev[v];
	}
	while (v >= 0) {
		int32_t h = v - s->L, u = s->prev[v];
		int32_t next = s->mate_l[u] >= 0 ? s->L + s->mate_l[u] : -1;
		s->mate_l[u] = h;
		s->mate_r[h] = u;
		s->mw_l[u] = s->prevw[h];
		v = next;
	}
}

/*
 * Left vertices join one at a time. With Z standing for both S and T (the
 * flow may take any value), the matching so far is optimal when no residual
 * cycle is negative; adding left u adds the edge Z -> u, so the only new
 * negative cycle is the shortest path u ~> Z closed by it. Cancelling it
 * (or leaving u out when it is not negative) restores optimality, and the
 * potential update keeps every reduced cost non-negative.
 */
int64_t assign_solve(const struct assign_graph *g, int32_t *match_left)
{
	struct ssp s = { .g = g, .L = (int32_t)g->nleft, .R = (int32_t)g->nright };
	s.Z = s.L + s.R;
	size_t nodes = (size_t)s.Z + 1;
	s.mate_l = match_left;
	s.mate_r = xmalloc((g->nright + 1) * sizeof *s.mate_r);
	s.mw_l = xcalloc(g->nleft + 1, sizeof *s.mw_l);
	s.pot = xcalloc(nodes, sizeof *s.pot);
	s.d = xmalloc(nodes * sizeof *s.d);
	s.stamp = xcalloc(nodes, sizeof *s.stamp);
	s.prev = xmalloc(nodes * sizeof *s.prev);
	s.prevw = xmalloc((g->nright + 1) * sizeof *s.prevw);
	s.settled = xmalloc(nodes * sizeof *s.settled);
	for (int32_t u = 0; u < s.L; u++)
		match_left[u] = -1;
	for (int32_t h = 0; h < s.R; h++)
		s.mate_r[h] = -1;
	int64_t total = 0;
	for (int32_t u = 0; u < s.L; u++) {
		if (g->start[u] == g->start[u + 1])
			continue;
		/* u's potential makes each of its edges' reduced cost >= 0 */
		int64_t pu = INT64_MIN;
		for (size_t k = g->start[u]; k < g->start[u + 1]; k++) {
			int64_t v = g->e[k].weight + s.pot[s.L + g->e[k].right];
			if (v > pu)
				pu = v;
		}
		s.pot[u] = pu;
		if (!search(&s, u))
			continue;
		int64_t dZ = s.d[s.Z];
		int64_t cost = dZ - s.pot[u] + s.pot[s.Z]; /* the cycle's real cost */
		if (cost < 0) {
			augment(&s);
			total -= cost;
		}
		for (size_t k = 0; k < s.nsettled; k++) {
			int32_t v = s.settled[k];
			s.pot[v] += s.d[v] - dZ;
		}
	}
	free(s.mate_r);
	free(s.mw_l);
	free(s.pot);
	free(s.d);
	free(s.stamp);
	free(s.prev);
	free(s.prevw);
	free(s.settled);
	free(s.heap.a);
	return total;
}
