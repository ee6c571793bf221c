// The Bahi task pane (templates/taskpane.html): last run, issues with links to their cells,
// the Settings table. Reads the workbook directly through Office.js; never renders workbook
// text as HTML (textContent only).

const BAHI_ISSUES_SHEET = "Issues";
const BAHI_LAST_RUN_NAME = "BahiLastRun";
const BAHI_MAX_ISSUES_SHOWN = 300;

function bahiEnglish(heading) {
  return String(heading || "").split("/")[0].trim().toLowerCase();
}

function bahiText(element, text) {
  element.textContent = text == null ? "" : String(text);
  return element;
}

async function bahiGoTo(sheetName, address) {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}

async function bahiReadIssues(context) {
  const sheet = context.workbook.worksheets.getItemOrNullObject(BAHI_ISSUES_SHEET);
  await context.sync();
  if (sheet.isNullObject) return [];
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values");
  await context.sync();
  if (used.isNullObject) return [];
  const rows = used.values;
  const headerIndex = rows.findIndex((row) => {
    const folded = row.map(bahiEnglish);
    return folded.includes("sheet") && folded.includes("cell");
  });
  if (headerIndex < 0) return [];
  const header = rows[headerIndex].map(bahiEnglish);
  const col = (name) => header.indexOf(name);
  const [cSheet, cCell, cSeverity] = [col("sheet"), col("cell"), col("severity")];
  const cMessage = header.findIndex((h) => h.startsWith("message") || h === "issue");
  return rows
    .slice(headerIndex + 1)
    .filter((row) => row[cSheet] !== "" || (cMessage >= 0 && row[cMessage] !== ""))
    .map((row) => ({
      sheet: row[cSheet],
      cell: row[cCell],
      severity: cSeverity >= 0 ? row[cSeverity] : "",
      message: cMessage >= 0 ? row[cMessage] : "",
    }));
}

async function bahiReadSettings(context) {
  const table = context.workbook.tables.getItemOrNullObject("Settings");
  await context.sync();
  if (table.isNullObject) return [];
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  return body.values;
}

async function bahiReadLastRun(context) {
  const name = context.workbook.names.getItemOrNullObject(BAHI_LAST_RUN_NAME);
  name.load("value");
  await context.sync();
  return name.isNullObject ? "" : String(name.value || "").replace(/^="?|"$/g, "");
}

async function bahiRefresh() {
  try {
    await Excel.run(async (context) => {
      const [lastRun, issues, settings] = [
        await bahiReadLastRun(context),
        await bahiReadIssues(context),
        await bahiReadSettings(context),
      ];
      if (lastRun) bahiText(document.getElementById("bahi-last-run"), lastRun.split("|").join(" · "));
      bahiText(document.getElementById("bahi-issue-count"), issues.length);
      const tbody = document.getElementById("bahi-issues");
      tbody.replaceChildren();
      for (const issue of issues.slice(0, BAHI_MAX_ISSUES_SHOWN)) {
        const tr = document.createElement("tr");
        tr.className = "bahi-issue";
        if (String(issue.severity).toLowerCase().startsWith("warn")) tr.classList.add("table-warning");
        else tr.classList.add("table-danger");
        const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
        tr.appendChild(bahiText(document.createElement("td"), where)).className = "bahi-cell";
        tr.appendChild(bahiText(document.createElement("td"), issue.message));
        if (issue.sheet && issue.cell) {
          tr.addEventListener("click", () => bahiGoTo(issue.sheet, issue.cell));
        }
        tbody.appendChild(tr);
      }
      const settingsBody = document.getElementById("bahi-settings");
      settingsBody.replaceChildren();
      for (const [setting, value] of settings) {
        const tr = document.createElement("tr");
        tr.appendChild(bahiText(document.createElement("th"), setting));
        tr.appendChild(bahiText(document.createElement("td"), value));
        settingsBody.appendChild(tr);
      }
    });
  } catch (error) {
    console.error("Bahi: could not read the workbook", error);
  }
}

function bahiSetUpToken() {
  if (!globalThis.config || !config.authProviders.includes("custom")) return;
  document.getElementById("bahi-token-section").classList.remove("d-none");
  const input = document.getElementById("bahi-token");
  input.value = localStorage.getItem("bahi-token") || "";
  document.getElementById("bahi-token-save").addEventListener("click", () => {
    localStorage.setItem("bahi-token", input.value.trim());
  });
}

function bahiSetUpButtons() {
  // Every button runs its script through bahiRun (ribbon.js): same include list, same auth,
  // and a big Journal is uploaded in blocks. The statement button passes the typed account.
  document.querySelectorAll("[data-bahi-script]").forEach((button) => {
    button.addEventListener("click", async () => {
      const script = button.getAttribute("data-bahi-script");
      const args = script === "bahi_account_statement" ? [document.getElementById("bahi-account").value.trim()] : [];
      button.setAttribute("disabled", "true");
      try {
        await globalThis.bahiRun(script, args);
      } catch (error) {
        console.error(error);
      } finally {
        button.removeAttribute("disabled");
      }
    });
  });
}

Office.onReady(() => {
  bahiSetUpToken();
  bahiSetUpButtons();
  document.getElementById("bahi-refresh").addEventListener("click", bahiRefresh);
  document.addEventListener("bahi:ran", bahiRefresh);
  bahiRefresh();
});
