// Runs TensorFlow Playground's own engine (src/nn.ts, compiled to JavaScript) on the
// cases in a JSON file and prints what it computes, as JSON. Written for nnviz; the
// engine itself is not part of nnviz: see make_reference.py for how to get it.
//
//   node run_playground.js /path/to/nn.js cases.json > out.json
//
// The training loop is playground.ts's oneStep(): every training point in a fixed
// order, forwardProp, backProp with the squared error, and updateWeights after every
// batchSize points counted within the epoch (a partial last batch stays accumulated
// into the next epoch); the loss is the mean squared error after each epoch.
"use strict";
const fs = require("fs");
const nn = require(process.argv[2]);
const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));

function loss(network, points) {
  let total = 0;
  for (const p of points) {
    total += nn.Errors.SQUARE.error(nn.forwardProp(network, [p[0], p[1]]), p[2]);
  }
  return total / points.length;
}

function run(c) {
  const reg = { l1: nn.RegularizationFunction.L1, l2: nn.RegularizationFunction.L2 }[c.regularization] || null;
  const network = nn.buildNetwork(c.shape, nn.Activations.TANH, nn.Activations.TANH, reg,
                                  ["x1", "x2"], false);
  for (let l = 1; l < network.length; l++) {
    network[l].forEach((node, i) => {
      node.bias = c.biases[l - 1][i];
      node.inputLinks.forEach((link, j) => { link.weight = c.weights[l - 1][i][j]; });
    });
  }
  const losses = [];
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    c.points.forEach((p, i) => {
      nn.forwardProp(network, [p[0], p[1]]);
      nn.backProp(network, p[2], nn.Errors.SQUARE);
      if ((i + 1) % c.batch_size === 0) {
        nn.updateWeights(network, c.learning_rate, c.reg_rate);
      }
    });
    losses.push(loss(network, c.points));
  }
  return {
    name: c.name,
    train_loss: losses,
    weights: network.slice(1).map(layer => layer.map(n => n.inputLinks.map(l => l.weight))),
    biases: network.slice(1).map(layer => layer.map(n => n.bias)),
  };
}

process.stdout.write(JSON.stringify(cases.map(run)));
