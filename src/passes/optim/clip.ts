// Gradient clipping by global L2 norm, as torch.nn.utils.clip_grad_norm_ (1.13):
//   total = ‖(‖g_1‖, …, ‖g_n‖)‖₂ = sqrt(Σ_i Σ g_i²);  coef = min(max_norm / (total + 1e-6), 1);  g_i ← g_i · coef
import type { ValueId } from "../../ir/graph.js";
import type { Builder } from "../autodiff/builder.js";

export function clipByGlobalNorm(b: Builder, grads: ValueId[], maxNorm: number): { grads: ValueId[]; total: ValueId } {
  const squares = grads.map((g) => b.sumAll(b.mul(g, g)));
  const total = b.sqrt(squares.reduce((acc, s) => b.add(acc, s)));
  const coef = b.min(b.div(b.k(maxNorm), b.add(total, b.k(1e-6))), b.k(1));
  return { grads: grads.map((g) => b.mul(g, coef)), total };
}
