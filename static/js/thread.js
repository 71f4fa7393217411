// Live thread updates: WebSocket first, HTTP long polling where sockets are blocked.
// Progressive enhancement: without this script the thread is a normal page with a form.
(function () {
  "use strict";
  const root = document.getElementById("thread");
  if (!root || !window.fetch) return;
  const threadId = Number(root.dataset.thread);
  const list = root.querySelector(".posts");
  const status = root.querySelector(".live-status");
  const newPosts = root.querySelector(".new-posts");
  const readers = root.querySelector(".readers");
  const texts = document.getElementById("live-texts").dataset;
  const language = document.documentElement.lang;
  let lastSeq = Number(root.dataset.lastSeq) || 0;
  let socket = null;
  let failures = 0;
  let polling = false;

  function say(text) {
    status.hidden = false;
    status.textContent = text;
  }

  function findPost(id) {
    return list.querySelector('[data-post="' + id + '"]');
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 300;
  }

  // A post as the server rendered it for no one in particular (the same template as the
  // loaded posts): fill in this page's form token and switch on this reader's own controls.
  function render(data) {
    const fragments = data.html || {};
    const html = fragments[language] || fragments[Object.keys(fragments)[0]];
    if (!html) return null;
    const holder = document.createElement("template");
    holder.innerHTML = html; // server-rendered, every user text escaped there
    const element = holder.content.firstElementChild;
    element.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (input) {
      input.value = root.dataset.csrf;
    });
    element.querySelectorAll(".own-tools").forEach(function (tools) {
      tools.hidden = !root.dataset.viewer || tools.dataset.owner !== root.dataset.viewer;
    });
    element.querySelectorAll(".moderator-tools").forEach(function (tools) {
      tools.hidden = !("moderator" in root.dataset);
    });
    return element;
  }

  function addPost(data) {
    if (findPost(data.id)) return;
    const element = render(data);
    if (!element) return;
    const follow = nearBottom();
    list.appendChild(element);
    if (follow) element.scrollIntoView({ block: "nearest" });
    else newPosts.hidden = false;
  }

  function replacePost(data) {
    const current = findPost(data.id);
    const element = current && render(data);
    if (element) current.replaceWith(element);
  }

  function showReaders(count) {
    if (typeof count !== "number") return;
    readers.querySelector(".reader-count").textContent = count;
    readers.hidden = false;
  }

  function apply(event) {
    if (event.seq <= lastSeq) return; // replays can overlap live events: apply each once
    if (event.seq > lastSeq + 1 && socket && socket.readyState === WebSocket.OPEN) {
      // A gap (the server lost its Redis connection for a while): ask for what is missing;
      // the replay brings this event too, in order.
      socket.send(JSON.stringify({ type: "subscribe", thread: threadId, after: lastSeq }));
      return;
    }
    lastSeq = event.seq;
    const data = event.data;
    if (event.kind === "post.created") addPost(data);
    else if (event.kind === "post.reacted") {
      const element = findPost(data.id);
      if (!element) return;
      element.querySelectorAll(".reaction-count").forEach(function (count) {
        count.textContent = data.reactions[count.dataset.kind] || 0;
      });
    } else if (event.kind.indexOf("post.") === 0) {
      replacePost(data);
    } else if (event.kind === "thread.locked" || event.kind === "thread.unlocked") {
      const form = document.querySelector(".post-form");
      if (form) form.hidden = event.kind === "thread.locked";
    }
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function poll() {
    if (polling) return;
    polling = true;
    say(texts.fallback);
    while (polling) {
      try {
        const response = await fetch(root.dataset.eventsUrl + "?tunggu=1&setelah=" + lastSeq, {
          headers: { Accept: "application/json" }, credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const body = await response.json();
        body.events.forEach(apply);
      } catch (error) {
        await sleep(3000);
      }
    }
  }

  function connect() {
    if (!window.WebSocket) return poll();
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.socketPath);
    socket.onopen = function () {
      failures = 0;
      polling = false;
      socket.send(JSON.stringify({ type: "subscribe", thread: threadId, after: lastSeq }));
      say(texts.live);
    };
    socket.onmessage = function (message) {
      const frame = JSON.parse(message.data);
      if (frame.type === "event") apply(frame);
      else if (frame.type === "subscribed" || frame.type === "readers") {
        showReaders(frame.type === "readers" ? frame.count : frame.readers);
      }
    };
    socket.onclose = function () {
      readers.hidden = true;
      failures += 1;
      if (failures >= 3) {
        poll();
        setTimeout(connect, 60000); // keep trying the socket now and then
      } else {
        say(texts.offline);
        setTimeout(connect, Math.min(1000 * Math.pow(2, failures), 15000));
      }
    };
  }

  newPosts.addEventListener("click", function () {
    newPosts.hidden = true;
    list.lastElementChild.scrollIntoView();
  });
  window.addEventListener("scroll", function () {
    if (nearBottom()) newPosts.hidden = true;
  });
  connect();
})();
