// @chainrule/nn: recurrent cells, layers, losses and optimizers on @chainrule/autodiff.
export {};
