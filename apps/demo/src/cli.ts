#!/usr/bin/env node
/**
 * The `chainrule` command. For now: a tiny expression, its gradients by backprop, and the
 * same gradients by finite differences, so you can see the two agree.
 */
import { firstGradient } from './first-gradient.js';

function printFirstGradient(): void {
  const { inputs, y, rows } = firstGradient();
  console.log('chainrule: reverse-mode autodiff you can read\n');
  console.log(`y = tanh(w·x + b) with x = ${inputs.x}, w = ${inputs.w}, b = ${inputs.b}`);
  console.log(`y = ${y.toFixed(12)}\n`);
  console.log('         backprop            finite differences   |difference|');
  for (const row of rows) {
    const diff = Math.abs(row.backprop - row.finiteDifference);
    console.log(
      `dy/d${row.name}  ${row.backprop.toFixed(15).padStart(18)}  ${row.finiteDifference.toFixed(15).padStart(18)}   ${diff.toExponential(1)}`,
    );
  }
}

printFirstGradient();
