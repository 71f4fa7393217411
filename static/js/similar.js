// While a citizen writes a comment, show a few similar published comments on the same clause
// that they could support instead (fewer duplicates). Without this script the form works as is.
(function () {
  "use strict";
  const box = document.querySelector(".similar-comments");
  const form = document.querySelector(".comment-form");
  if (!box || !form || !window.fetch) return;
  const body = form.querySelector("textarea[name=body]");
  const clause = form.querySelector("[name=clause_key]");
  const list = box.querySelector("ul");
  const template = box.querySelector("template");
  if (!body) return;
  let timer = null;
  let lastAsked = "";

  async function lookUp() {
    const text = body.value.trim();
    if (text.length < 40 || text === lastAsked) return;
    lastAsked = text;
    const params = new URLSearchParams({ teks: text.slice(0, 2000), ayat: clause ? clause.value : "" });
    try {
      const response = await fetch(box.dataset.url + "?" + params.toString(), {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) return;
      const data = await response.json();
      list.replaceChildren();
      data.comments.forEach(function (comment) {
        const item = template.content.firstElementChild.cloneNode(true);
        item.querySelector(".similar-body").textContent = comment.body;
        const link = item.querySelector(".similar-link");
        link.href = comment.url;
        item.querySelector(".similar-supports").textContent = comment.supports ? "(" + comment.supports + " 👍)" : "";
        list.appendChild(item);
      });
      box.hidden = data.comments.length === 0;
    } catch (error) {
      box.hidden = true; // suggestions are a help, never a hindrance
    }
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 800);
  });
  if (clause) clause.addEventListener("change", function () { lastAsked = ""; lookUp(); });
})();
