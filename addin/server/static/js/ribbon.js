// Bahi ribbon: each button of the "Bahi" tab (manifest.xml, <FunctionName>) runs one Python
// script of addin/scripts.py through xlwings.runPython. This file replaces xlwings-server's
// own static/js/ribbon.js (project static files are served first); base.html loads it.
//
// The include list (which sheets' values are sent) is read from /xlwings/custom-scripts-meta,
// i.e. from each script's @script(include=[...]) -- one place decides it, as for task pane buttons.

const BAHI_BUTTONS = {
  "bahi-validate": "bahi_validate",
  "bahi-trial-balance": "bahi_trial_balance",
  "bahi-account-statement": "bahi_account_statement",
  "bahi-day-book": "bahi_day_book",
  "bahi-reconcile": "bahi_reconcile",
};

let bahiScriptsMeta = null;

async function bahiScriptMeta(scriptName) {
  if (bahiScriptsMeta === null) {
    try {
      const url = window.location.origin + config.appPath + "/xlwings/custom-scripts-meta.json";
      const response = await fetch(url);
      bahiScriptsMeta = response.ok ? await response.json() : [];
    } catch (error) {
      console.error("Bahi: could not load the scripts' metadata", error);
      bahiScriptsMeta = [];
    }
  }
  return bahiScriptsMeta.find((meta) => meta.function_name === scriptName) || {};
}

async function bahiRun(scriptName, args = []) {
  const meta = await bahiScriptMeta(scriptName);
  const authResult =
    typeof globalThis.getAuth === "function"
      ? await globalThis.getAuth()
      : { token: "", provider: "" };
  await xlwings.runPython({
    scriptName: scriptName,
    include: meta.include || "",
    exclude: meta.exclude || "",
    lazy: meta.lazy || false,
    auth: authResult.token,
    headers: authResult.provider ? { "Auth-Provider": authResult.provider } : {},
    args: args,
  });
  // Tell an open task pane to refresh its last run and issue list.
  document.dispatchEvent(new CustomEvent("bahi:ran", { detail: { scriptName } }));
}
globalThis.bahiRun = bahiRun;

for (const [functionName, scriptName] of Object.entries(BAHI_BUTTONS)) {
  Office.actions.associate(functionName, async (event) => {
    try {
      await bahiRun(scriptName);
    } finally {
      event.completed();
    }
  });
}
