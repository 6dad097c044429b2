// The run form of the dashboard's runs list, for operators: the fields people change most, over a whole run
// configuration that hitl-service offers (GET /api/run-form); everything else is sent as the defaults have it, so a
// run from the page is configured like one from ./darwin run. hitl-service checks it again (POST /api/runs), and so
// does selection-service as it reads the request.
"use strict";

const DarwinRunForm = (() => {
  // [field, label, where it lives in RunConfig, input attributes]
  const NUMBERS = [
    ["population", "Agents", c => c.population, (c, v) => { c.population = v; }, {min: 2, max: 100}],
    ["generations", "Generations", c => c.generations, (c, v) => { c.generations = v; }, {min: 1, max: 1000}],
    ["maxTokens", "Tokens per variant", c => c.budget.maxTokens, (c, v) => { c.budget.maxTokens = v; }, {min: 0, step: 1000}],
    ["costCapUsd", "LLM cost cap (USD)", c => c.costCapUsd, (c, v) => { c.costCapUsd = v; }, {min: 0, step: 0.5}],
    ["verificationSeeds", "Verification seed pairs", c => c.verificationSeeds, (c, v) => { c.verificationSeeds = v; }, {min: 2, max: 20}],
  ];

  /**
   * The form as a card. `el` builds elements as dashboard.js does; `start(config)` sends the request and says how it
   * went.
   */
  function card(el, form, start) {
    const defaults = form.defaults;
    const name = el("input", {name: "name", value: defaults.name, size: 14});
    const dataset = el("select", {name: "dataset"}, (form.datasets.length ? form.datasets : [defaults.dataset.uri])
      .map(uri => el("option", {value: uri}, uri)));
    const mutator = el("select", {name: "mutator"}, form.mutators.map(m => el("option", {value: m}, m)));
    mutator.value = defaults.mutator;
    const numbers = NUMBERS.map(([field, label, read, , attrs]) =>
      [field, el("input", {name: field, type: "number", value: read(defaults), required: true, ...attrs}), label]);
    const label = (text, input) => el("label", {}, el("span", {class: "muted"}, text), input);

    const submit = el("button", {class: "primary", type: "submit"}, "Start run");
    const node = el("form", {class: "run-form", onsubmit: async (event) => {
      event.preventDefault();
      const config = JSON.parse(JSON.stringify(defaults));
      config.name = name.value.trim() || defaults.name;
      config.dataset = {...config.dataset, uri: dataset.value, sha256: null};
      config.mutator = mutator.value;
      numbers.forEach(([field, input], i) => NUMBERS[i][3](config, Number(input.value)));
      submit.disabled = true;
      try {
        await start(config);
      } finally {
        submit.disabled = false;
      }
    }}, label("Name", name), label("Dataset", dataset), label("Mutator", mutator),
      numbers.map(([, input, text]) => label(text, input)), submit);
    return el("section", {class: "card"}, el("h2", {}, "Start a run"), node,
      form.datasets.length ? "" : el("p", {class: "muted"}, "No configured corpus passes the dataset allow-list "
        + "(DARWIN_DATASET_*): a request on it will be refused with the reason."));
  }

  return {card};
})();
