// The Developer Portal's API page: hands the wizard's token to the commands and the Try out console, and runs the
// console's WebSocket from the browser (browsers cannot set headers on a WebSocket, so the token goes in
// access_token, as the tutorial says).
(function () {
  'use strict';

  var socket = null;

  function byId(id) {
    return document.getElementById(id);
  }

  function log(kind, text) {
    var list = byId('tryout-log');
    var item = document.createElement('li');
    item.className = kind;
    item.textContent = text;
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function setConnected(connected) {
    byId('tryout-connect').disabled = connected;
    byId('tryout-disconnect').disabled = !connected;
    byId('tryout-send').disabled = !connected;
    byId('tryout-status').textContent = connected ? 'Connected' : 'Not connected';
  }

  function connect() {
    var url = byId('tryout-url').value;
    var token = byId('tryout-token').value.trim();
    if (token === '') {
      log('event', 'Paste an access token first, or generate one with the KEY GENERATION WIZARD.');
      byId('tryout-token').focus();
      return;
    }
    log('event', 'Connecting to ' + url + ' ...');
    try {
      socket = new WebSocket(url + '?access_token=' + encodeURIComponent(token));
    } catch (e) {
      log('event', 'Could not open the connection: ' + e.message);
      return;
    }
    socket.addEventListener('open', function () {
      setConnected(true);
      log('event', 'Connected.');
      byId('tryout-message').focus();
    });
    socket.addEventListener('message', function (event) {
      log('received', '< ' + (typeof event.data === 'string' ? event.data : '[binary message]'));
    });
    socket.addEventListener('error', function () {
      log('event', 'Connection error.');
    });
    socket.addEventListener('close', function (event) {
      setConnected(false);
      log('event', 'Closed: code ' + event.code + (event.reason ? ', reason: ' + event.reason : ''));
      socket = null;
    });
  }

  function send(event) {
    event.preventDefault();
    var input = byId('tryout-message');
    if (!socket || socket.readyState !== WebSocket.OPEN || input.value === '') {
      return;
    }
    socket.send(input.value);
    log('sent', '> ' + input.value);
    input.value = '';
  }

  // When the wizard shows a token, use it in the console and in the copy-ready wscat commands.
  function adoptWizardToken() {
    var token = byId('wizard-token');
    if (!token || token.value === '') {
      return;
    }
    var field = byId('tryout-token');
    if (field) {
      field.value = token.value;
    }
    document.querySelectorAll('[data-wscat]').forEach(function (code) {
      code.textContent = code.getAttribute('data-wscat').replace('[accesstoken]', token.value);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (byId('tryout')) {
      byId('tryout-connect').addEventListener('click', connect);
      byId('tryout-disconnect').addEventListener('click', function () {
        if (socket) {
          socket.close(1000, 'Closed from the console');
        }
      });
      byId('tryout-form').addEventListener('submit', send);
      setConnected(false);
    }
    adoptWizardToken();
  });
  document.addEventListener('htmx:afterSettle', adoptWizardToken);
})();
