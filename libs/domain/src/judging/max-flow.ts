// Dinic's maximum flow on a small graph; used by the judge assignment.
export class FlowNetwork {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: number[] = [];
  private iter: number[] = [];

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
  }

  // Returns the edge's index, whose remaining capacity `residual(i)` tells its use.
  addEdge(from: number, to: number, capacity: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.next.push(this.head[from], this.head[to]);
    this.head[from] = id;
    this.head[to] = id + 1;
    return id;
  }

  residual(edge: number): number {
    return this.cap[edge];
  }

  maxFlow(source: number, sink: number): number {
    let flow = 0;
    while (this.bfs(source, sink)) {
      this.iter = [...this.head];
      let f: number;
      while ((f = this.dfs(source, sink, Infinity)) > 0) flow += f;
    }
    return flow;
  }

  private bfs(source: number, sink: number): boolean {
    this.level = new Array<number>(this.size).fill(-1);
    this.level[source] = 0;
    const queue = [source];
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi];
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] > 0 && this.level[this.to[e]] < 0) {
          this.level[this.to[e]] = this.level[u] + 1;
          queue.push(this.to[e]);
        }
      }
    }
    return this.level[sink] >= 0;
  }

  private dfs(u: number, sink: number, pushed: number): number {
    if (u === sink) return pushed;
    for (; this.iter[u] !== -1; this.iter[u] = this.next[this.iter[u]]) {
      const e = this.iter[u];
      const v = this.to[e];
      if (this.cap[e] > 0 && this.level[v] === this.level[u] + 1) {
        const d = this.dfs(v, sink, Math.min(pushed, this.cap[e]));
        if (d > 0) {
          this.cap[e] -= d;
          this.cap[e ^ 1] += d;
          return d;
        }
      }
    }
    return 0;
  }
}
