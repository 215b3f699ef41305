// Train TensorFlow Playground's own engine (nn.ts, compiled to nn.js) as its page does:
// every point forward and backward, an update every BATCH points, then the train and
// the test loss over all points (playground.ts: oneStep and getLoss). Prints JSON.
//
//   node run_playground.js BUILD_DIR SHAPE SECONDS DATA.json
//   SHAPE like 2-4-2-1; DATA {"train": [[x, y, label], ...], "test": [...], "batch": 10,
//   "rate": 0.03}
"use strict";
const fs = require("fs");
const path = require("path");

const nn = require(path.resolve(process.argv[2], "nn.js"));
const shape = process.argv[3].split("-").map(Number);
const seconds = Number(process.argv[4]);
const data = JSON.parse(fs.readFileSync(process.argv[5], "utf8"));

const network = nn.buildNetwork(shape, nn.Activations.TANH, nn.Activations.TANH, null,
                                ["x", "y"], false);

function loss(points) {
  let total = 0;
  for (const [x, y, label] of points) {
    total += nn.Errors.SQUARE.error(nn.forwardProp(network, [x, y]), label);
  }
  return total / points.length;
}

function epoch() {
  data.train.forEach(([x, y, label], i) => {
    nn.forwardProp(network, [x, y]);
    nn.backProp(network, label, nn.Errors.SQUARE);
    if ((i + 1) % data.batch === 0) {
      nn.updateWeights(network, data.rate, 0);
    }
  });
  return [loss(data.train), loss(data.test)];
}

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

let last;
const warm = now();
while (now() - warm < Math.min(0.3, seconds)) last = epoch();  // let V8 optimise first
let count = 0;
const start = now();
let elapsed = 0;
while (elapsed < seconds) {
  last = epoch();
  count += 1;
  elapsed = now() - start;
}
console.log(JSON.stringify({epochs_per_second: count / elapsed, train_loss: last[0],
                            test_loss: last[1]}));
