/* The interview page, enhanced: send without reloading and show the reply as it streams.
 *
 * Without JavaScript (or without fetch streams) the form posts and the page reloads with the
 * reply; this script only takes over when the browser can read a streamed response. Text from
 * the server is only ever set with textContent, never parsed as HTML. The box is cleared only
 * once the server has answered with its stream, which it starts after saving the message.
 */
(function () {
  "use strict";

  const form = document.getElementById("chat-form");
  if (!form || !window.fetch || !window.ReadableStream || !window.TextDecoder) return;

  const log = document.getElementById("chat-log");
  const box = document.getElementById("chat-message");
  const send = document.getElementById("chat-send");
  const status = document.getElementById("chat-status");
  const messageError = document.getElementById("chat-message-error");
  const errorPanel = document.getElementById("chat-error");
  const errorText = document.getElementById("chat-error-text");
  const formLink = document.getElementById("chat-form-link");
  const cardPanel = document.getElementById("card-panel");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const LOST =
    "The connection was interrupted. What you sent is saved — reload the page to see the " +
    "conversation, or continue with the step-by-step form.";
  const NOT_SENT =
    "Your message could not be sent — it is still in the box. Check your connection and " +
    "try again, or continue with the step-by-step form.";

  let busy = false;

  function addMessage(role, text) {
    const item = document.createElement("li");
    item.className = "msg msg-" + role;
    const who = document.createElement("span");
    who.className = "msg-who";
    who.textContent = role === "user" ? "You" : "Interviewer";
    const body = document.createElement("p");
    body.className = "msg-text";
    body.textContent = text;
    item.append(who, body);
    log.append(item);
    return body;
  }

  function showError(message, formUrl) {
    errorText.textContent = message;
    if (formUrl) formLink.href = formUrl;
    errorPanel.hidden = false;
    errorPanel.scrollIntoView({ block: "nearest" });
  }

  function showMessageProblem(message) {
    messageError.textContent = message;
    messageError.hidden = false;
    box.setAttribute("aria-invalid", "true");
    box.setAttribute("aria-describedby", messageError.id);
    box.focus();
  }

  function clearMessageProblem() {
    messageError.hidden = true;
    box.removeAttribute("aria-invalid");
    box.removeAttribute("aria-describedby");
  }

  function showCard(card) {
    document.getElementById("card-title").textContent = card.title;
    document.getElementById("card-description").textContent = card.description || "";
    const list = document.getElementById("card-policies");
    list.replaceChildren(
      ...card.policies.map(function (policy) {
        const item = document.createElement("li");
        item.textContent = policy;
        return item;
      })
    );
    // Notes about an earlier draft no longer apply.
    document.getElementById("card-notes").hidden = true;
    document.getElementById("card-submit").hidden = false;
    cardPanel.hidden = false;
    cardPanel.scrollIntoView({ block: "nearest" });
  }

  // One server-sent event: "event: NAME" and "data: JSON" lines; comment lines start with ":".
  function parseEvent(block) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    return data.length ? { name: name, data: JSON.parse(data.join("\n")) } : null;
  }

  async function readReply(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let reply = null; // the interviewer's bubble, made when the first words arrive
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!event) continue;
        if (event.name === "delta") {
          if (!reply) {
            reply = addMessage("assistant", "");
            errorPanel.hidden = true; // the interviewer answers again: "unavailable" no longer holds
          }
          reply.textContent += event.data.text;
        } else if (event.name === "card") {
          addMessage("tool", "I drafted a card: “" + event.data.title + "”.");
          showCard(event.data);
          return;
        } else if (event.name === "error") {
          // The draft went over to the guided form: its link is the way on.
          showError(event.data.message, event.data.form_url);
          return;
        } else if (event.name === "done") {
          return;
        }
      }
    }
    showError(LOST); // the stream ended without saying how
  }

  form.addEventListener("submit", async function (submitEvent) {
    submitEvent.preventDefault();
    if (busy) return;
    const text = box.value;
    if (!text.trim()) {
      showMessageProblem("Please write something first.");
      return;
    }
    busy = true;
    send.disabled = true;
    clearMessageProblem();
    status.textContent = "Sending…";
    let saved = false;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "text/event-stream", "X-CSRFToken": token },
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok || !type.startsWith("text/event-stream")) {
        const payload = await response.json().catch(function () {
          return {};
        });
        const problem = payload.error || {};
        if (response.status === 400 && problem.message) showMessageProblem(problem.message);
        else showError(problem.message || LOST, problem.redirect);
        return;
      }
      // The stream only starts once the message is saved: now the box may be emptied.
      saved = true;
      addMessage("user", text);
      box.value = "";
      status.textContent = "The interviewer is writing…";
      log.setAttribute("aria-busy", "true");
      await readReply(response);
    } catch (err) {
      showError(saved ? LOST : NOT_SENT);
    } finally {
      log.removeAttribute("aria-busy");
      status.textContent = "";
      busy = false;
      send.disabled = false;
    }
  });
})();
