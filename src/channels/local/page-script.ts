/**
 * The web chat page's script: plain ES2017 for old phone browsers, no framework, no build.
 * Bot text arrives as plain text + entity ranges (formatting.ts) and is turned into DOM
 * nodes here with textContent/createElement only, never innerHTML.
 */
export const pageScript = String.raw`
(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var ui = {
    users: byId('users'), currentUser: byId('current-user'), block: byId('block'), log: byId('messages'), empty: byId('empty'),
    start: byId('start'), typing: byId('typing'), toast: byId('toast'), replyKeyboard: byId('reply-keyboard'),
    menuButton: byId('menu-button'), menu: byId('menu'), form: byId('composer'), input: byId('text'),
    send: byId('send'), cancelEdit: byId('cancel-edit'), file: byId('file'), status: byId('status')
  };
  var state = {
    users: [], userId: 0, messages: new Map(), cursor: 0, keyboard: null, poll: null,
    maxUploadBytes: 0, editingId: 0, busyButtons: new Map(), earlyAnswers: new Set(), lastBotRtl: false, blocked: false
  };
  var typingTimer = 0, toastTimer = 0;

  function api(method, path, body, signal) {
    var init = { method: method, headers: {} };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['content-type'] = 'application/json'; }
    if (signal) init.signal = signal;
    return fetch('/api' + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || 'The gateway answered ' + response.status + '.');
        return data;
      });
    });
  }

  function say(text) { ui.status.textContent = text; }

  // ---- rendering bot text: entities to elements --------------------------------------
  function elementFor(entity) {
    var tag = { bold: 'strong', italic: 'em', underline: 'u', strikethrough: 's', code: 'code',
      blockquote: 'blockquote', expandable_blockquote: 'blockquote' }[entity.type];
    if (tag) return document.createElement(tag);
    if (entity.type === 'pre') {
      var pre = document.createElement('pre');
      if (entity.language) pre.setAttribute('data-language', entity.language);
      return pre;
    }
    if (entity.type === 'text_link' && /^https?:\/\//i.test(entity.url || '')) {
      var link = document.createElement('a');
      link.href = entity.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      return link;
    }
    if (entity.type === 'spoiler') {
      var spoiler = document.createElement('span');
      spoiler.className = 'spoiler';
      spoiler.tabIndex = 0;
      spoiler.setAttribute('role', 'button');
      spoiler.setAttribute('aria-label', 'Hidden text, press to reveal');
      return spoiler;
    }
    return document.createElement('span');
  }

  function renderRange(parent, text, entities, start, end) {
    var position = start, i = 0;
    while (i < entities.length) {
      var entity = entities[i];
      if (entity.offset < position) { i++; continue; }
      if (entity.offset >= end) break;
      if (entity.offset > position) parent.appendChild(document.createTextNode(text.slice(position, entity.offset)));
      var entityEnd = Math.min(entity.offset + entity.length, end);
      var inner = [];
      i++;
      while (i < entities.length && entities[i].offset < entityEnd) { inner.push(entities[i]); i++; }
      var element = elementFor(entity);
      renderRange(element, text, inner, entity.offset, entityEnd);
      parent.appendChild(element);
      position = entityEnd;
    }
    if (position < end) parent.appendChild(document.createTextNode(text.slice(position, end)));
  }

  // No dir attribute here: the bubble's dir="auto" must find its direction in this text.
  function formattedText(text, entities) {
    var box = document.createElement('div');
    box.className = 'text';
    renderRange(box, text, entities || [], 0, text.length);
    return box;
  }

  var RTL_START = /^[^A-Za-z\u00C0-\u02AF\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

  // ---- messages -----------------------------------------------------------------------
  function timeOf(message) {
    return new Date(message.date * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function inlineKeyboard(message) {
    var group = document.createElement('div');
    group.className = 'inline-keyboard';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Buttons');
    message.inlineKeyboard.forEach(function (row) {
      var line = document.createElement('div');
      line.className = 'row';
      row.forEach(function (button) {
        var control;
        if (button.url && /^https?:\/\//i.test(button.url)) {
          control = document.createElement('a');
          control.href = button.url;
          control.target = '_blank';
          control.rel = 'noopener noreferrer';
        } else {
          control = document.createElement('button');
          control.type = 'button';
          if (button.callbackData !== undefined) {
            control.setAttribute('data-callback', button.callbackData);
            control.addEventListener('click', function () { pressButton(message.id, button.callbackData, control); });
          } else {
            control.disabled = true;
            control.title = 'This kind of button does not work in the web chat';
          }
        }
        control.className = 'inline-button';
        control.textContent = button.text;
        control.dir = 'auto';
        line.appendChild(control);
      });
      group.appendChild(line);
    });
    return group;
  }

  function attachment(message) {
    if (message.photo) {
      var image = document.createElement('img');
      image.src = message.photo.url;
      image.alt = message.from === 'bot' ? 'Photo from the bot' : 'Your photo';
      image.loading = 'lazy';
      if (message.photo.width && message.photo.height) { image.width = message.photo.width; image.height = message.photo.height; }
      return image;
    }
    if (message.document) {
      var link = document.createElement('a');
      link.className = 'document';
      link.href = message.document.url;
      link.setAttribute('download', message.document.fileName);
      link.textContent = '\uD83D\uDCC4 ' + message.document.fileName + ' (' + sizeText(message.document.size) + ')';
      link.dir = 'auto';
      return link;
    }
    if (message.sticker) {
      var sticker = document.createElement('div');
      sticker.className = 'sticker';
      sticker.setAttribute('role', 'img');
      sticker.setAttribute('aria-label', 'Sticker ' + message.sticker.emoji);
      sticker.textContent = message.sticker.emoji;
      return sticker;
    }
    if (message.contact) {
      var contact = document.createElement('div');
      contact.dir = 'auto';
      contact.textContent = '\u260E ' + message.contact.firstName + ', ' + message.contact.phoneNumber;
      return contact;
    }
    return null;
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  function renderMessage(message) {
    var item = document.createElement('li');
    item.className = 'bubble ' + message.from;
    item.id = 'message-' + message.id;
    item.dir = 'auto';
    item.setAttribute('data-message-id', String(message.id));
    // Children with their own dir attribute are skipped when dir="auto" picks the bubble's
    // direction, so the English labels below do not make an Arabic bubble left-to-right.
    var who = document.createElement('span');
    who.dir = 'ltr';
    who.className = 'visually-hidden';
    who.textContent = message.from === 'bot' ? 'Bot: ' : 'You: ';
    item.appendChild(who);
    if (message.replyToMessageId) {
      var quoted = state.messages.get(message.replyToMessageId);
      var reply = document.createElement('div');
      reply.className = 'reply-to';
      reply.dir = 'auto';
      reply.textContent = 'Reply to: ' + (quoted && quoted.text ? quoted.text.slice(0, 80) : 'a message');
      item.appendChild(reply);
    }
    var media = attachment(message);
    if (media) item.appendChild(media);
    if (message.text) item.appendChild(formattedText(message.text, message.entities));
    if (message.inlineKeyboard) item.appendChild(inlineKeyboard(message));
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.dir = 'auto';
    meta.textContent = timeOf(message) + (message.editDate ? ' \u00B7 edited' : '');
    if (message.from === 'user' && message.text !== undefined && !message.photo && !message.document) {
      var edit = document.createElement('button');
      edit.type = 'button';
      edit.className = 'edit';
      edit.textContent = 'Edit';
      edit.setAttribute('aria-label', 'Edit this message');
      edit.addEventListener('click', function () { startEditing(message); });
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(edit);
    }
    item.appendChild(meta);
    return item;
  }

  /**
   * Inserts or replaces a message, keeping keyboard focus on the same button if it survives.
   * In a bulk load the per-message upkeep is left to the caller (afterChange) for speed.
   */
  function upsertMessage(message, bulk) {
    var isNew = !state.messages.has(message.id);
    state.messages.set(message.id, message);
    var existing = byId('message-' + message.id);
    var focused = document.activeElement;
    var focusedData = existing && focused && existing.contains(focused) ? focused.getAttribute('data-callback') : null;
    var element = renderMessage(message);
    if (existing) {
      ui.log.replaceChild(element, existing);
    } else {
      var next = null;
      state.messages.forEach(function (other) {
        if (other.id > message.id && (!next || other.id < next)) next = other.id;
      });
      ui.log.insertBefore(element, next ? byId('message-' + next) : null);
    }
    if (focusedData !== null) {
      var again = Array.prototype.find.call(element.querySelectorAll('[data-callback]'), function (b) {
        return b.getAttribute('data-callback') === focusedData;
      });
      (again || ui.input).focus();
    }
    if (bulk) return;
    if (message.from === 'bot' && isNew) hideTyping();
    if (isNew) element.scrollIntoView({ block: 'end' });
    afterChange();
  }

  function removeMessage(id) {
    state.messages.delete(id);
    var element = byId('message-' + id);
    if (element) element.parentNode.removeChild(element);
    afterChange();
  }

  function afterChange() {
    updateLastBotDirection();
    updateEmptyHint();
    markLatestOwnText();
  }

  /** Only the person's latest text message offers "Edit", to keep the bubbles uncluttered. */
  function markLatestOwnText() {
    var latest = 0;
    state.messages.forEach(function (message) {
      if (message.from === 'user' && message.text !== undefined && !message.photo && !message.document && message.id > latest) latest = message.id;
    });
    Array.prototype.forEach.call(ui.log.querySelectorAll('.bubble.user'), function (element) {
      element.classList.toggle('latest', element.id === 'message-' + latest);
    });
  }

  function updateEmptyHint() { ui.empty.hidden = state.messages.size > 0; }

  /** An empty input takes the direction of the bot's last message, so Arabic starts on the right. */
  function updateLastBotDirection() {
    var last = null;
    state.messages.forEach(function (message) { if (message.from === 'bot' && (!last || message.id > last.id)) last = message; });
    state.lastBotRtl = !!(last && last.text && RTL_START.test(last.text));
    updateInputDirection();
  }

  function updateInputDirection() { ui.input.dir = ui.input.value === '' && state.lastBotRtl ? 'rtl' : 'auto'; }

  // ---- reply keyboard, typing, toasts -------------------------------------------------
  function renderReplyKeyboard() {
    ui.replyKeyboard.textContent = '';
    var keyboard = state.keyboard;
    ui.replyKeyboard.hidden = !keyboard;
    updatePlaceholder();
    if (!keyboard) return;
    keyboard.rows.forEach(function (row) {
      var line = document.createElement('div');
      line.className = 'row';
      row.forEach(function (button) {
        var control = document.createElement('button');
        control.type = 'button';
        control.textContent = (button.requestContact ? '\u260E ' : '') + button.text;
        control.dir = 'auto';
        control.addEventListener('click', function () {
          if (keyboard.oneTime) { state.keyboard = null; renderReplyKeyboard(); ui.input.focus(); }
          if (button.requestContact) {
            act(api('POST', chatPath('/contact'))).then(function (result) { upsertMessage(result.message); }, function () {});
          } else {
            sendText(button.text);
          }
        });
        line.appendChild(control);
      });
      ui.replyKeyboard.appendChild(line);
    });
  }

  function updatePlaceholder() {
    ui.input.placeholder = state.blocked ? 'You blocked the bot'
      : (state.keyboard && state.keyboard.placeholder) || 'Message';
  }

  function showTyping() {
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 5000);
  }

  function hideTyping() { ui.typing.hidden = true; clearTimeout(typingTimer); }

  function showToast(event) {
    var button = state.busyButtons.get(event.callbackQueryId);
    if (button) { button.removeAttribute('aria-busy'); state.busyButtons.delete(event.callbackQueryId); }
    // The answer can arrive before the press request itself has returned.
    else state.earlyAnswers.add(event.callbackQueryId);
    if (!event.text) return;
    if (event.showAlert) { window.alert(event.text); return; }
    ui.toast.textContent = event.text;
    ui.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { ui.toast.hidden = true; ui.toast.textContent = ''; }, 4000);
  }

  function applyEvent(event) {
    if (event.type === 'message' || event.type === 'edit') upsertMessage(event.message);
    else if (event.type === 'delete') removeMessage(event.messageId);
    else if (event.type === 'toast') showToast(event);
    else if (event.type === 'typing') showTyping();
    else if (event.type === 'reply_keyboard') { state.keyboard = event.keyboard; renderReplyKeyboard(); }
    else if (event.type === 'blocked') showBlocked(event.blocked);
  }

  // ---- the conversation: snapshot, then long polling ----------------------------------
  function chatPath(suffix) { return '/chats/' + state.userId + (suffix || ''); }

  function loadChat() {
    var userId = state.userId;
    return api('GET', chatPath()).then(function (snapshot) {
      if (userId !== state.userId) return;
      state.messages = new Map();
      ui.log.setAttribute('aria-busy', 'true');
      ui.log.textContent = '';
      snapshot.messages.forEach(function (message) { upsertMessage(message, true); });
      afterChange();
      if (ui.log.lastElementChild) ui.log.lastElementChild.scrollIntoView({ block: 'end' });
      ui.log.removeAttribute('aria-busy');
      state.cursor = snapshot.cursor;
      state.keyboard = snapshot.replyKeyboard;
      renderReplyKeyboard();
      showBlocked(snapshot.user.blocked);
      hideTyping();
      poll(userId);
    });
  }

  /** Loads the chat, retrying while the gateway can't be reached. */
  function reload(userId) {
    loadChat().then(function () { say(''); }, function () {
      say('Connection lost. Reconnecting…');
      setTimeout(function () { if (userId === state.userId) reload(userId); }, 3000);
    });
  }

  function poll(userId) {
    if (state.poll) state.poll.abort();
    var controller = new AbortController();
    state.poll = controller;
    var failures = 0;
    (function next() {
      if (controller.signal.aborted || userId !== state.userId) return;
      api('GET', chatPath('/events?cursor=' + state.cursor + '&wait=25'), undefined, controller.signal)
        .then(function (result) {
          failures = 0;
          if (ui.status.getAttribute('data-offline')) { ui.status.removeAttribute('data-offline'); say(''); }
          if (result.resync) { reload(userId); return; }
          state.cursor = result.cursor;
          result.events.forEach(applyEvent);
          next();
        })
        .catch(function () {
          if (controller.signal.aborted) return;
          failures++;
          ui.status.setAttribute('data-offline', '1');
          say('Connection lost. Reconnecting\u2026');
          setTimeout(next, Math.min(30000, 1000 * Math.pow(2, failures)));
        });
    })();
  }

  // ---- people's actions ---------------------------------------------------------------
  function act(promise) {
    return promise.then(function (result) { say(''); return result; }, function (error) { say(error.message); throw error; });
  }

  function sendText(text) {
    return act(api('POST', chatPath('/messages'), { text: text })).then(function (result) {
      upsertMessage(result.message);
    }, function () {});
  }

  function pressButton(messageId, data, control) {
    control.setAttribute('aria-busy', 'true');
    act(api('POST', chatPath('/callbacks'), { messageId: messageId, data: data })).then(function (result) {
      if (state.earlyAnswers.delete(result.callbackQueryId)) { control.removeAttribute('aria-busy'); return; }
      state.busyButtons.set(result.callbackQueryId, control);
      // Like Telegram's spinner: give up waiting for the bot's answer after a while.
      setTimeout(function () { control.removeAttribute('aria-busy'); state.busyButtons.delete(result.callbackQueryId); }, 10000);
    }, function () { control.removeAttribute('aria-busy'); });
  }

  function startEditing(message) {
    state.editingId = message.id;
    ui.input.value = message.text;
    ui.send.textContent = 'Save';
    ui.cancelEdit.hidden = false;
    updateInputDirection();
    ui.input.focus();
  }

  function stopEditing() {
    state.editingId = 0;
    ui.send.textContent = 'Send';
    ui.cancelEdit.hidden = true;
    ui.input.value = '';
    updateInputDirection();
  }

  ui.form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = ui.input.value;
    if (text.trim() === '') { ui.input.focus(); return; }
    if (state.editingId) {
      act(api('PATCH', chatPath('/messages/' + state.editingId), { text: text })).then(function (result) {
        upsertMessage(result.message);
        stopEditing();
      }, function () {});
      return;
    }
    ui.input.value = '';
    updateInputDirection();
    sendText(text).then(function () { ui.input.focus(); });
  });

  ui.cancelEdit.addEventListener('click', function () { stopEditing(); ui.input.focus(); });
  ui.input.addEventListener('input', updateInputDirection);
  ui.input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && state.editingId) stopEditing();
  });
  ui.start.addEventListener('click', function () { sendText('/start'); });

  ui.file.addEventListener('change', function () {
    var file = ui.file.files && ui.file.files[0];
    ui.file.value = '';
    if (!file) return;
    if (state.maxUploadBytes && file.size > state.maxUploadBytes) {
      say('The file is too large (' + sizeText(file.size) + '). You can send files up to ' + sizeText(state.maxUploadBytes) + '.');
      return;
    }
    var form = new FormData();
    form.append('file', file, file.name);
    if (ui.input.value.trim()) form.append('caption', ui.input.value);
    say('Sending ' + file.name + '\u2026');
    act(api('POST', chatPath('/files'), form)).then(function (result) {
      ui.input.value = '';
      updateInputDirection();
      upsertMessage(result.message);
    }, function () {});
  });

  // ---- command menu -------------------------------------------------------------------
  function closeMenu(returnFocus) {
    ui.menu.hidden = true;
    ui.menuButton.setAttribute('aria-expanded', 'false');
    if (returnFocus) ui.menuButton.focus();
  }

  function menuItem(label, onChoose) {
    var item = document.createElement('button');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.dir = 'auto';
    item.textContent = label;
    item.addEventListener('click', function () { closeMenu(false); ui.input.focus(); onChoose(); });
    return item;
  }

  ui.menuButton.addEventListener('click', function () {
    if (!ui.menu.hidden) { closeMenu(true); return; }
    act(api('GET', chatPath('/commands'))).then(function (result) {
      ui.menu.textContent = '';
      if (result.commands.length === 0) {
        var none = document.createElement('p');
        none.textContent = 'The bot has no commands for this language.';
        ui.menu.appendChild(none);
      }
      result.commands.forEach(function (command) {
        ui.menu.appendChild(menuItem('/' + command.command + ' \u2014 ' + command.description, function () {
          sendText('/' + command.command);
        }));
      });
      ui.menu.appendChild(menuItem('Send a sticker \uD83D\uDC4D', function () {
        act(api('POST', chatPath('/stickers'), { emoji: '\uD83D\uDC4D' })).then(function (r) { upsertMessage(r.message); }, function () {});
      }));
      ui.menu.hidden = false;
      ui.menuButton.setAttribute('aria-expanded', 'true');
      var first = ui.menu.querySelector('button');
      if (first) first.focus();
    }, function () {});
  });

  ui.menu.addEventListener('keydown', function (event) {
    var items = Array.prototype.slice.call(ui.menu.querySelectorAll('button'));
    var index = items.indexOf(document.activeElement);
    if (event.key === 'Escape') closeMenu(true);
    else if (event.key === 'ArrowDown') { event.preventDefault(); items[(index + 1) % items.length].focus(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); items[(index - 1 + items.length) % items.length].focus(); }
  });

  // ---- demo users and blocking --------------------------------------------------------
  function showBlocked(blocked) {
    state.blocked = blocked;
    ui.block.checked = blocked;
    ui.input.disabled = blocked;
    ui.send.disabled = blocked;
    updatePlaceholder();
  }

  ui.block.addEventListener('change', function () {
    act(api('PUT', chatPath('/blocked'), { blocked: ui.block.checked })).then(function (result) {
      showBlocked(result.blocked);
    }, function () { ui.block.checked = !ui.block.checked; });
  });

  function selectUser(userId) {
    state.userId = userId;
    stopEditing();
    closeMenu(false);
    Array.prototype.forEach.call(ui.users.querySelectorAll('button'), function (button) {
      button.setAttribute('aria-pressed', String(Number(button.getAttribute('data-user')) === userId));
    });
    var user = state.users.find(function (candidate) { return candidate.id === userId; });
    ui.currentUser.textContent = user ? 'You are ' + user.firstName + (user.languageCode ? ' (' + user.languageCode + ')' : '') : '';
    if (history.replaceState) history.replaceState(null, '', '#user-' + userId);
    reload(userId);
  }

  act(api('GET', '/users')).then(function (result) {
    state.users = result.users;
    state.maxUploadBytes = result.maxUploadBytes;
    result.users.forEach(function (user) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-user', String(user.id));
      button.textContent = user.label;
      button.addEventListener('click', function () { selectUser(user.id); });
      ui.users.appendChild(button);
    });
    var fromHash = Number((/^#user-(\d+)$/.exec(location.hash) || [])[1]);
    var known = result.users.some(function (user) { return user.id === fromHash; });
    if (result.users.length > 0) selectUser(known ? fromHash : result.users[0].id);
  }, function () { say('Could not reach the web chat server. Reload the page to try again.'); });
})();
`;
