// Safety Net workshop phone page. Everything is written with textContent (never innerHTML),
// so nothing a server or a scenario sends can become markup. The phone's secret key lives in
// localStorage per room code, so a refresh, a sleeping phone or a dropped Wi-Fi connection
// rejoins with the same key and keeps its one vote.
"use strict";

const SECTIONS = ["join", "lobby", "vote", "closed", "reveal", "end", "gone"];
const POLL_FAST_MS = 2000;   // no event stream: ask this often
const POLL_SLOW_MS = 10000;  // with a stream: a safety net for a missed event
const store = (() => {
  try { localStorage.setItem("sn.t", "1"); localStorage.removeItem("sn.t"); return localStorage; }
  catch (e) { const m = {}; return { getItem: k => m[k] ?? null, setItem: (k, v) => { m[k] = v; },
                                     removeItem: k => { delete m[k]; } }; }
})();

let code = null, key = null, state = null, source = null, streamFailures = 0;
let pollTimer = null, tickTimer = null, deadline = null, voting = false;

const $ = id => document.getElementById(id);
// The page's words in the workshop's language: the server puts {"English": "translation"}
// for this script's messages in a JSON data block (never run); a missing one stays English.
const WORDS = (() => {
  try { return JSON.parse($("words").textContent); } catch (e) { return {}; }
})();
function T(message, values) {
  const text = WORDS[message] || message;
  return values ? text.replace(/\{(\w+)\}/g, (all, name) => name in values ? String(values[name]) : all)
                : text;
}
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function show(name) { for (const s of SECTIONS) $(s).hidden = s !== name; }
function say(message) { $("error").textContent = message || ""; $("error").hidden = !message; }

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (key) headers["X-Room-Key"] = key;
  const response = await fetch(path, { method, headers, cache: "no-store",
                                       body: body ? JSON.stringify(body) : undefined });
  let data = {};
  try { data = await response.json(); } catch (e) { /* an empty or non-JSON answer */ }
  if (!response.ok) {
    const error = new Error(data.error || T("The server answered {status}", { status: response.status }));
    error.status = response.status;
    throw error;
  }
  return data;
}

async function join(typed, nickname) {
  const clean = typed.trim().toUpperCase();
  const saved = store.getItem("sn.key." + clean);
  const data = await call("POST", "/api/join", { code: clean, key: saved, nickname });
  code = clean; key = data.key;
  store.setItem("sn.key." + code, key);
  store.setItem("sn.code", code);
  say("");
  render(data.state);
  listen();
}

async function refresh() {
  if (!key) return;
  try {
    render(await call("GET", "/api/state"));
  } catch (error) {
    if (error.status === 401 && code) {      // the server forgot this phone: join again
      store.removeItem("sn.key." + code); key = null;
      return join(code, null).catch(e => say(e.message));
    }
    if (state && state.phase !== "gone") say(T("Connection lost: trying again…"));
  }
}

async function vote(option) {
  if (voting || !state || !state.decision) return;
  voting = true;
  markChoice(option);
  try {
    render(await call("POST", "/api/vote", { decision: state.decision.id, option }));
    say("");
  } catch (error) {
    say(error.message);
    refresh();
  } finally { voting = false; }
}

function listen() {
  if (source) source.close();
  clearInterval(pollTimer);
  if (window.EventSource && streamFailures < 3) {
    source = new EventSource("/api/events?k=" + encodeURIComponent(key));
    source.onmessage = () => { streamFailures = 0; refresh(); };
    source.addEventListener("bye", () => { source.close(); refresh(); });
    source.onerror = () => {
      streamFailures += 1;
      if (streamFailures >= 3) { source.close(); source = null; listen(); }
    };
  }
  pollTimer = setInterval(refresh, source ? POLL_SLOW_MS : POLL_FAST_MS);
}

function render(next) {
  state = next;
  // The facilitator switched the workshop's language: load the page in it (the key rejoins).
  // Not again for the same language within 10 s, so a page the server could not yet serve in
  // it never reloads in a loop.
  const [lastLang, lastAt] = (store.getItem("sn.lang") || "@0").split("@");
  if (state.lang && state.lang !== document.documentElement.lang &&
      (lastLang !== state.lang || Date.now() - Number(lastAt) > 10000)) {
    store.setItem("sn.lang", state.lang + "@" + Date.now());
    location.reload();
    return;
  }
  $("who").textContent = state.nickname ? T("You are {nickname}", { nickname: state.nickname })
                                       : T("Anonymous");
  if (state.phase === "vote") renderVote();
  else if (state.phase === "closed") renderClosed();
  else if (state.phase === "reveal") renderReveal();
  else if (state.phase === "end") renderEnd();
  else if (state.phase === "gone") { if (source) source.close(); clearInterval(pollTimer); }
  show(state.phase === "end" && !state.end ? "lobby" : state.phase);
  countdown();
}

function optionTitle(option) {
  return option.rung_name ? option.rung_name + ": " + option.label : option.label;
}

function renderVote() {
  const d = state.decision;
  $("cue").textContent = d.cue;
  const box = $("options");
  if (box.dataset.decision !== d.id) {
    box.replaceChildren(...d.options.map(option => {
      const button = el("button", "option");
      button.type = "button";
      button.dataset.option = option.id;
      if (option.rung_name) {
        const rung = el("span", "rung", option.rung_name);
        rung.dataset.mine = T("your vote");  // app.css shows it beside the chosen rung
        button.append(rung);
      }
      button.append(el("span", "text", option.label));
      button.addEventListener("click", () => vote(option.id));
      return button;
    }));
    box.dataset.decision = d.id;
  }
  markChoice(state.mine);
  const waiting = $("waiting");
  waiting.hidden = !state.mine;
  const p = state.progress;
  waiting.textContent = !state.mine ? "" : T(
    "Your vote is in. Waiting for the others ({voted} of {expected} have voted). You can change it until the vote closes.",
    { voted: p.voted, expected: p.expected });
}

function markChoice(option) {
  for (const button of $("options").children) {
    button.setAttribute("aria-pressed", String(button.dataset.option === option));
  }
}

function mineText(sentence) {  // sentence: the option's title -> the words
  const d = state.decision;
  const option = d && d.options.find(o => o.id === state.mine);
  return option ? sentence(optionTitle(option))
                : T("You did not vote on this decision.");
}

function renderClosed() { $("closed-mine").textContent = mineText(option => T("Your vote: {option}.", { option })); }

function renderReveal() {
  const r = state.reveal;
  $("reveal-text").textContent = r.text;
  $("bars").replaceChildren(...r.rows.map(row => {
    const item = el("li", row.id === state.mine ? "mine" : "");
    const title = el("div", "bar-title");
    title.append(el("span", "", row.id === state.mine ? T("{option} (you)", { option: row.title }) : row.title),
                 el("span", "count", T("{count} · {percent}%",
                                           { count: row.count, percent: Math.round(row.share * 100) })));
    const track = el("div", "track");
    const fill = el("div", "fill");
    fill.style.width = (row.share * 100).toFixed(1) + "%";
    track.append(fill);
    item.append(title, track);
    return item;
  }));
  $("reveal-mine").textContent = mineText(option => T("You chose {option}.", { option }));
}

function renderEnd() {
  const e = state.end;
  if (!e) return;
  $("interval").textContent = e.interval;
  $("end-rows").replaceChildren(...e.rows.map(row => {
    const box = el("div", "end-row");
    box.append(el("p", "", row.cue));
    const list = el("dl");
    const pairs = [["you", T("You"), row.mine || T("no vote")], ["model", T("Model"), row.model],
                   ["room", T("The room"), row.room || T("no votes")]];
    for (const [who, name, value] of pairs) {
      list.append(el("dt", "", name),
                  el("dd", who === "you" && row.mine && row.mine !== row.model ? "differs" : "",
                     value));
    }
    box.append(list);
    return box;
  }));
}

function countdown() {
  clearInterval(tickTimer);
  const d = state && state.decision;
  const shown = state && state.phase === "vote" && d && d.remaining !== null;
  $("countdown").hidden = !shown;
  if (!shown) return;
  deadline = Date.now() + d.remaining * 1000;
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    $("countdown").textContent = left > 0 ? T("{seconds} s left to vote", { seconds: left })
                                            : T("Time is up");
    if (left === 0) { clearInterval(tickTimer); setTimeout(refresh, 300); }
  };
  tick();
  tickTimer = setInterval(tick, 250);
}

// The facilitator may switch nicknames on while this page is open: ask again whenever the
// participant comes to the form, so the field appears without a reload.
async function checkNicknames() {
  const info = await call("GET", "/api/info").catch(() => ({ nicknames: false }));
  $("nick-row").hidden = !info.nicknames;
  if (!info.nicknames) $("nickname").value = "";
}

async function start() {
  await checkNicknames();
  $("code").addEventListener("focus", checkNicknames);
  const fromLink = decodeURIComponent(location.hash.replace(/^#/, "")).trim().toUpperCase();
  const remembered = fromLink || store.getItem("sn.code") || "";
  $("code").value = remembered;
  $("join-form").addEventListener("submit", event => {
    event.preventDefault();
    const nickname = $("nick-row").hidden ? null : $("nickname").value.trim() || null;
    join($("code").value, nickname).catch(error => say(error.message));
  });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
  window.addEventListener("online", () => { streamFailures = 0; if (key) listen(); refresh(); });
  show("join");
  if (remembered && store.getItem("sn.key." + remembered)) {
    join(remembered, null).catch(error => { show("join"); say(error.message); });
  }
}

start();
