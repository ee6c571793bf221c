// Bahi: where the Authorization header of script and formula calls comes from.
// Replaces xlwings-server's static/js/auth.js. With Entra ID (XLWINGS_AUTH_PROVIDERS=["entraid"])
// it asks Office for an SSO token; with the shared office token (BAHI_TOKEN on the server,
// provider "custom") it sends the token saved in this browser by the task pane's token field.
globalThis.getAuth = async function () {
  if (config.authProviders.includes("entraid")) {
    return { token: await xlwings.getAccessToken(), provider: "entraid" };
  }
  if (config.authProviders.includes("custom")) {
    const token = globalThis.localStorage ? localStorage.getItem("bahi-token") || "" : "";
    return { token: token ? "Bearer " + token : "", provider: "custom" };
  }
  return { token: "", provider: "" };
};
