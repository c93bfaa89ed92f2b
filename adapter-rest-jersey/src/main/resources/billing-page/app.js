/*
 * HydraCore billing page. Plain JavaScript, no build step: it reads the four billing endpoints of this server with
 * the caller's bearer token and fills index.html; the chart is in the browser's time zone unless another is chosen,
 * and the CSV of the days shown comes from the export endpoint. Every element showing a number carries data-testid and, in
 * data-value, the raw value from the API, so a test can compare the page with the API without parsing formatted text.
 */
(function () {
  'use strict';

  var STORAGE_KEY = 'hydracore.billing.token';
  var API = '/v1/billing';
  var DEFAULT_DAYS = 30;

  var state = {
    token: null,
    days: DEFAULT_DAYS,
    instance: '',
    model: '',
    tz: 'UTC',
    range: null,
    chart: null,
    chartRequest: 0,
    loadRequest: 0
  };

  var el = {};

  // ---------------------------------------------------------------- formatting

  var integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  var percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  var moneyFormat = new Intl.NumberFormat(undefined, {
    style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2
  });
  var dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
  var dateTimeFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
    timeZoneName: 'short'
  });
  var dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  var MICROS = BigInt(1000000);

  function formatInteger(n) {
    return integerFormat.format(Number(n));
  }

  function formatPercent(pct) {
    return percentFormat.format(Number(pct)) + '\u00a0%';
  }

  // Money arrives as an exact decimal string ("12.345678"); keep it exact as integer micro-dollars (BigInt), never
  // a float, and round to cents half-up only for display.
  function toMicros(text) {
    var match = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(String(text).trim());
    if (!match) {
      return null;
    }
    var micros = BigInt(match[2]) * MICROS + BigInt((match[3] || '').padEnd(6, '0') || '0');
    return match[1] ? -micros : micros;
  }

  function microsToDecimal(micros, minFraction) {
    var negative = micros < 0;
    var abs = negative ? -micros : micros;
    var fraction = (abs % MICROS).toString().padStart(6, '0').replace(/0+$/, '');
    while (fraction.length < minFraction) {
      fraction += '0';
    }
    return (negative ? '-' : '') + (abs / MICROS).toString() + (fraction ? '.' + fraction : '');
  }

  function roundedDollars(micros) {
    var negative = micros < 0;
    var abs = negative ? -micros : micros;
    var cents = (abs + BigInt(5000)) / BigInt(10000);
    var text = (cents / BigInt(100)).toString() + '.' + (cents % BigInt(100)).toString().padStart(2, '0');
    return (negative && cents > 0 ? '-' : '') + text;
  }

  // Intl formats a decimal string exactly in current browsers; the string is already rounded to cents anyway.
  function formatDollars(decimal) {
    return moneyFormat.format(decimal);
  }

  function formatDate(instant) {
    return instant ? dateFormat.format(new Date(instant)) : '—';
  }

  function formatDateTime(instant) {
    return instant ? dateTimeFormat.format(new Date(instant)) : '—';
  }

  // current_period_end is exclusive: the last day of the period is the day before it.
  function lastDayOf(endExclusive) {
    return endExclusive ? dateFormat.format(new Date(Date.parse(endExclusive) - 1000)) : '—';
  }

  function formatDay(isoDate) {
    return dayFormat.format(new Date(isoDate + 'T00:00:00Z'));
  }

  function plural(n, one, many) {
    return Number(n) === 1 ? one : many;
  }

  var STATUS_LABELS = {
    none: 'No plan', trialing: 'Trial', active: 'Active', past_due: 'Past due', canceled: 'Canceled',
    expired: 'Trial ended', stopped: 'Stopped', deleted: 'Deleted'
  };

  function statusLabel(status) {
    return STATUS_LABELS[status] || String(status || '—');
  }

  // ---------------------------------------------------------------- DOM helpers

  function byTestId(id, root) {
    return (root || document).querySelector('[data-testid="' + id + '"]');
  }

  function setText(id, text, value, root) {
    var node = typeof id === 'string' ? byTestId(id, root) : id;
    node.textContent = text;
    if (value === undefined || value === null) {
      node.removeAttribute('data-value');
    } else {
      node.setAttribute('data-value', String(value));
    }
    return node;
  }

  function setInteger(id, n, root) {
    return setText(id, formatInteger(n), n, root);
  }

  // Shows "$12.35" with the exact amount in a tooltip, and for screen readers when rounding changed it.
  function setMoney(id, exact, root) {
    var node = typeof id === 'string' ? byTestId(id, root) : id;
    var micros = typeof exact === 'bigint' ? exact : toMicros(exact);
    node.textContent = '';
    if (micros === null) {
      setText(node, String(exact), exact);
      return node;
    }
    var rounded = roundedDollars(micros);
    var exactText = microsToDecimal(micros, 2);
    var shown = make('span', 'money-text', formatDollars(rounded));
    node.appendChild(shown);
    node.setAttribute('data-value', exactText);
    node.title = 'Exact amount: $' + exactText;
    node.classList.add('money');
    if (toMicros(rounded) !== micros) {
      shown.classList.add('money-rounded');
      var exactNote = document.createElement('span');
      exactNote.className = 'visually-hidden';
      exactNote.textContent = ' (exactly $' + exactText + ')';
      node.appendChild(exactNote);
    }
    return node;
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function announce(message) {
    el.status.textContent = message;
  }

  function showAlert(message, retry) {
    el.alert.textContent = '';
    el.alert.appendChild(make('p', null, message));
    if (retry) {
      var button = make('button', 'button button-quiet', 'Try again');
      button.type = 'button';
      button.setAttribute('data-testid', 'retry');
      button.addEventListener('click', loadAll);
      el.alert.appendChild(button);
    }
    el.alert.hidden = false;
  }

  function hideAlert() {
    el.alert.hidden = true;
    el.alert.textContent = '';
  }

  // ---------------------------------------------------------------- token

  function cleanToken(raw) {
    var token = String(raw || '').trim();
    return token.replace(/^bearer\s+/i, '').trim();
  }

  function readStoredToken() {
    try {
      return window.sessionStorage.getItem(STORAGE_KEY);
    } catch (e) {
      return null; // storage disabled: the token then lives only in memory
    }
  }

  function storeToken(token) {
    state.token = token;
    try {
      window.sessionStorage.setItem(STORAGE_KEY, token);
    } catch (e) {
      // keep it in memory only
    }
  }

  function forgetToken() {
    state.token = null;
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      // nothing stored
    }
  }

  // "#token=…" puts the token in the URL; take it and remove it from the address bar and the history entry.
  function takeTokenFromHash() {
    var hash = window.location.hash.replace(/^#/, '');
    if (!hash) {
      return null;
    }
    var params = new URLSearchParams(hash);
    if (!params.has('token')) {
      return null;
    }
    var token = cleanToken(params.get('token'));
    params.delete('token');
    var rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
    return token || null;
  }

  function showTokenPanel(message) {
    el.dashboard.hidden = true;
    el.changeToken.hidden = true;
    el.tokenPanel.hidden = false;
    el.tokenInput.value = '';
    if (message) {
      showAlert(message, false);
      el.tokenInput.setAttribute('aria-invalid', 'true');
      el.tokenInput.setAttribute('aria-describedby', 'alert token-hint');
    } else {
      el.tokenInput.removeAttribute('aria-invalid');
      el.tokenInput.setAttribute('aria-describedby', 'token-hint');
    }
    el.tokenInput.focus();
  }

  function onTokenSubmit(event) {
    event.preventDefault();
    var token = cleanToken(el.tokenInput.value);
    if (!token) {
      showAlert('Paste a token first: the field is empty.', false);
      el.tokenInput.setAttribute('aria-invalid', 'true');
      el.tokenInput.focus();
      return;
    }
    el.tokenInput.value = '';
    el.tokenInput.removeAttribute('aria-invalid');
    storeToken(token);
    loadAll();
  }

  function onChangeToken() {
    forgetToken();
    hideAlert();
    announce('Token forgotten. Paste another one.');
    showTokenPanel();
  }

  // ---------------------------------------------------------------- API

  function ApiError(status, detail) {
    this.status = status;
    this.detail = detail;
    this.message = 'HTTP ' + status + (detail ? ': ' + detail : '');
  }
  ApiError.prototype = Object.create(Error.prototype);

  function api(path) {
    return window.fetch(path, {
      headers: { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json' },
      cache: 'no-store',
      credentials: 'omit'
    }).then(function (response) {
      if (response.ok) {
        return response.json();
      }
      return response.json().catch(function () {
        return {};
      }).then(function (body) {
        var detail = body && typeof body.detail === 'string' ? body.detail : null;
        throw new ApiError(response.status, detail);
      });
    });
  }

  function handleError(error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetToken();
      showTokenPanel('Your token was not accepted' + (error.detail ? ' (' + error.detail + ')' : '') +
        '. It may have expired or been mistyped. Paste a valid token to see your billing.');
      announce('');
      return;
    }
    var message;
    if (error instanceof ApiError) {
      message = error.status === 403
        ? 'This token may not read billing data' + (error.detail ? ' (' + error.detail + ')' : '') + '.'
        : 'The billing server answered with an error (' + error.status +
          (error.detail ? ': ' + error.detail : '') + '). Try again in a moment.';
    } else {
      message = 'The billing server could not be reached. Check your connection and try again.';
    }
    showAlert(message, true);
    announce('');
  }

  // ---------------------------------------------------------------- loading

  function loadAll() {
    if (!state.token) {
      showTokenPanel();
      return;
    }
    var request = ++state.loadRequest;
    hideAlert();
    el.main.setAttribute('aria-busy', 'true');
    announce('Loading your billing…');
    Promise.all([api(API), api(API + '/trial-status'), api(API + '/usage'), api(API + '/quota')])
      .then(function (answers) {
        if (request !== state.loadRequest) {
          return null;
        }
        renderOverview(answers[0]);
        renderTrial(answers[1]);
        renderUsage(answers[2], answers[0]);
        renderQuotas(answers[3]);
        el.tokenPanel.hidden = true;
        el.dashboard.hidden = false;
        el.changeToken.hidden = false;
        return loadChart().then(function () {
          announce('Billing loaded.');
        });
      })
      .catch(function (error) {
        if (request === state.loadRequest) {
          handleError(error);
        }
      })
      .then(function () {
        el.main.setAttribute('aria-busy', 'false');
      });
  }

  // ---------------------------------------------------------------- plan, trial, costs, meters

  function renderOverview(overview) {
    var plan = overview.plan;
    var usage = overview.usage;

    setText('plan-name', plan.plan_name, plan.plan_name);
    var badge = setText('plan-status', statusLabel(plan.status), plan.status);
    badge.className = 'badge badge-' + plan.status;
    var product = setText('product-name', plan.product_name || '', plan.product_name);
    product.hidden = !plan.product_name;
    setMoney('plan-price', BigInt(plan.price_cents) * BigInt(10000));
    byTestId('plan-price').setAttribute('data-value', String(plan.price_cents));
    var cycle = plan.billing_cycle === 'yearly' ? 'per year' : plan.billing_cycle === 'monthly' ? 'per month' : '';
    setText('billing-cycle', cycle, plan.billing_cycle);

    var start = setText('period-start', formatDate(plan.current_period_start), plan.current_period_start);
    start.title = plan.current_period_start || '';
    var end = setText('period-end', lastDayOf(plan.current_period_end), plan.current_period_end);
    end.title = 'Last day of the period; the next one starts ' + (plan.current_period_end || '—');
    setText('period-renews', formatDate(plan.current_period_end), plan.current_period_end);

    var platform = toMicros(usage.platform_cost_usd);
    var total = toMicros(usage.total_cost_usd);
    setMoney('platform-cost', usage.platform_cost_usd);
    if (platform !== null && total !== null) {
      setMoney('usage-cost', total - platform);
    } else {
      setText('usage-cost', '—', null);
    }
    setMoney('total-cost', usage.total_cost_usd);

    setInteger('total-tokens', usage.total_tokens);
    setInteger('token-allowance', usage.token_allowance);
    setInteger('total-requests', usage.total_requests);
    setInteger('api-call-limit', usage.api_call_limit);
    setInteger('active-instances', usage.active_instances);
    setInteger('instance-limit', usage.instance_limit);
    setInteger('unique-end-users', usage.unique_end_users);
    setInteger('conversation-limit', usage.conversation_limit);
    setInteger('webhost-nodes', usage.webhost_nodes);
    setInteger('hosted-sites', usage.total_hosted_sites);
    setInteger('max-sites-per-node', usage.max_sites_per_node);

    setMeter('meter-requests', 'requests-pct', usage.total_requests, usage.api_call_limit, null, 'API calls');
    setMeter('meter-instances', 'instances-pct', usage.active_instances, usage.instance_limit, null,
      'active instances');
  }

  // Same rule as token_usage_pct in the API: 0 when both are 0, 100 when the limit is 0 and something was used.
  function percentOf(value, limit) {
    if (limit > 0) {
      return Math.round(value * 10000 / limit) / 100;
    }
    return value > 0 ? 100 : 0;
  }

  function setMeter(blockId, pctId, value, limit, apiPct, noun) {
    var block = byTestId(blockId);
    var pct = apiPct === null || apiPct === undefined ? percentOf(value, limit) : Number(apiPct);
    var level = pct >= 100 ? 'over' : pct >= 80 ? 'warn' : 'ok';
    block.setAttribute('data-level', level);
    block.setAttribute('data-pct', String(pct));
    setText(pctId, formatPercent(pct) + ' used', pct);
    var stateText = level === 'ok' ? '' : value > limit ? 'Over the limit' : pct >= 100 ? 'Limit reached' : 'Nearly used up';
    block.querySelector('.meter-state').textContent = stateText;

    var meter = block.querySelector('[role="meter"]');
    meter.setAttribute('aria-valuemax', String(Math.max(limit, 0)));
    meter.setAttribute('aria-valuenow', String(Math.min(value, limit)));
    meter.setAttribute('aria-valuetext', formatInteger(value) + ' of ' + formatInteger(limit) + ' ' + noun + ', ' +
      formatPercent(pct) + (stateText ? ', ' + stateText.toLowerCase() : ''));
    block.querySelector('.meter-fill').style.width = Math.min(pct, 100) + '%';
  }

  // Only http(s) or same-site links: the URL comes from configuration, never let it become "javascript:".
  function safeHref(url) {
    try {
      var parsed = new URL(url, window.location.href);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
        return url;
      }
    } catch (e) {
      // fall through
    }
    return null;
  }

  function renderTrial(trial) {
    var banner = el.trialBanner;
    var title = byTestId('trial-title');
    var detail = byTestId('trial-detail');
    var link = el.upgradeLink;
    title.textContent = '';
    detail.textContent = '';
    link.hidden = true;
    link.removeAttribute('href');

    var kind = null;
    if (trial.trial_expired) {
      kind = 'expired';
      title.textContent = 'Your ' + trial.plan_name + ' trial has ended';
      detail.textContent = 'It ended on ' + formatDateTime(trial.trial_ends_at) +
        '. Upgrade to a paid plan to keep your agents running.';
      link.textContent = 'Upgrade now';
    } else if (trial.status === 'trialing') {
      kind = 'trialing';
      var days = trial.trial_days_remaining;
      var count = make('span', 'trial-days', formatInteger(days) + ' ' + plural(days, 'day', 'days'));
      count.setAttribute('data-testid', 'trial-days-remaining');
      count.setAttribute('data-value', String(days));
      title.appendChild(count);
      title.appendChild(document.createTextNode(' left in your ' + trial.plan_name + ' trial'));
      detail.textContent = 'The trial ends on ' + formatDateTime(trial.trial_ends_at) + '.';
    } else if (trial.status === 'none') {
      kind = 'none';
      title.textContent = 'You have no plan yet';
      detail.textContent = 'The default allowances apply until you choose a plan.';
      link.textContent = 'Choose a plan';
    }

    if (kind === 'expired' || kind === 'none') {
      var href = safeHref(trial.upgrade_url);
      if (href) {
        link.setAttribute('href', href);
        link.hidden = false;
      }
    }
    banner.setAttribute('data-kind', kind || '');
    banner.setAttribute('data-trial-expired', String(Boolean(trial.trial_expired)));
    banner.hidden = kind === null;
  }

  // ---------------------------------------------------------------- quotas

  var QUOTA_LABELS = { tokens: 'Tokens', api_calls: 'API calls', conversations: 'Conversations',
    instances: 'Active instances' };

  // One row per quota of GET /v1/billing/quota, in the API's order: used, reserved by live holds, limit.
  function renderQuotas(answer) {
    var policy = setText('quota-policy', answer.limit_policy === 'hard' ? 'Hard limits' : 'Soft limits',
      answer.limit_policy);
    policy.className = 'badge badge-' + answer.limit_policy;
    var rows = document.getElementById('quota-rows');
    rows.textContent = '';
    answer.quotas.forEach(function (q) {
      var tr = make('tr');
      tr.setAttribute('data-testid', 'quota-row');
      tr.setAttribute('data-metric', q.metric);
      var th = make('th', null, QUOTA_LABELS[q.metric] || q.metric);
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(numberCell('Used', 'quota-used', function (td) { setInteger(td, q.used); }));
      tr.appendChild(numberCell('Reserved', 'quota-reserved', function (td) { setInteger(td, q.reserved); }));
      tr.appendChild(numberCell('Limit', 'quota-limit', function (td) { setInteger(td, q.limit); }));
      tr.appendChild(numberCell('Remaining', 'quota-remaining', function (td) { setInteger(td, q.remaining); }));
      tr.appendChild(numberCell('Used %', 'quota-pct', function (td) {
        setText(td, formatPercent(Number(q.used_pct)), q.used_pct);
      }));
      rows.appendChild(tr);
    });
  }

  // ---------------------------------------------------------------- usage and the instance table

  function renderUsage(usage, overview) {
    setMeter('meter-tokens', 'token-usage-pct', overview.usage.total_tokens, overview.usage.token_allowance,
      usage.token_usage_pct, 'tokens');

    var rows = el.instanceRows;
    rows.textContent = '';
    usage.by_instance.forEach(function (row) {
      rows.appendChild(instanceRow(row));
    });
    el.instancesEmpty.hidden = usage.by_instance.length > 0;
    byTestId('instance-table').hidden = usage.by_instance.length === 0;
    byTestId('instance-table').setAttribute('data-rows', String(usage.by_instance.length));
    fillInstanceFilter(usage.by_instance);
    renderModels(usage.by_model || []);
  }

  // ---------------------------------------------------------------- usage by model

  function renderModels(models) {
    var rows = el.modelRows;
    rows.textContent = '';
    models.forEach(function (row) {
      rows.appendChild(modelRow(row));
    });
    el.modelsEmpty.hidden = models.length > 0;
    byTestId('model-table').hidden = models.length === 0;
    byTestId('model-table').setAttribute('data-rows', String(models.length));
    fillModelFilter(models);
  }

  function modelRow(row) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'model-row');
    tr.setAttribute('data-model', row.model === null ? '' : row.model);
    var name = make('th', null, row.model === null ? 'No model named' : row.model);
    name.scope = 'row';
    name.setAttribute('data-label', 'Model');
    name.setAttribute('data-testid', 'model-name');
    if (row.model === null) {
      name.className = 'muted';
    }
    tr.appendChild(name);
    [['Tokens', 'model-tokens', 'total_tokens'], ['Input', 'model-input', 'input_tokens'],
      ['Cached input', 'model-cached-input', 'cached_input_tokens'],
      ['Cache writes', 'model-cache-write', 'cache_write_tokens'], ['Output', 'model-output', 'output_tokens'],
      ['Reasoning', 'model-reasoning', 'reasoning_tokens'], ['API calls', 'model-requests', 'total_requests']]
      .forEach(function (column) {
        tr.appendChild(numberCell(column[0], column[1], function (td) { setInteger(td, row[column[2]]); }));
      });
    tr.appendChild(numberCell('Cost', 'model-cost', function (td) { setMoney(td, row.cost_usd); }));
    return tr;
  }

  function fillModelFilter(models) {
    var select = el.modelFilter;
    var keep = state.model;
    while (select.options.length > 1) {
      select.remove(1);
    }
    var found = false;
    models.forEach(function (row) {
      if (row.model !== null) { // events without a model cannot be asked for by name
        select.add(new Option(row.model, row.model));
        found = found || row.model === keep;
      }
    });
    state.model = found ? keep : '';
    select.value = state.model;
  }

  // ---------------------------------------------------------------- time zone

  /** The browser's own zone, the zone the chart opens in; UTC when the browser does not say. */
  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch (e) {
      return 'UTC';
    }
  }

  function fillZones() {
    var zones = [];
    try {
      zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    } catch (e) {
      zones = [];
    }
    // Zones people ask for by their current names (ICU still lists some under old ones: Asia/Calcutta, Asia/Katmandu)
    zones = ['Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'America/Los_Angeles', 'Europe/London',
      'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney'].concat(Array.prototype.slice.call(zones));
    var seen = {};
    var select = el.tzFilter;
    select.textContent = '';
    var own = browserZone();
    select.add(new Option(own + ' (this browser)', own));
    if (own !== 'UTC') {
      select.add(new Option('UTC', 'UTC'));
    }
    zones.forEach(function (zone) {
      if (zone !== own && zone !== 'UTC' && !seen[zone]) {
        seen[zone] = true;
        select.add(new Option(zone, zone));
      }
    });
    state.tz = own;
    select.value = own;
  }

  function instanceRow(row) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'instance-row');
    tr.setAttribute('data-instance-id', row.instance_id);

    var name = make('th');
    name.scope = 'row';
    name.setAttribute('data-label', 'Instance');
    var nameText = make('span', 'instance-name', row.instance_name);
    nameText.setAttribute('data-testid', 'instance-name');
    name.appendChild(nameText);
    if (row.instance_name !== row.instance_id) {
      name.appendChild(make('span', 'instance-id', row.instance_id));
    }
    tr.appendChild(name);

    var status = make('td', null);
    status.setAttribute('data-label', 'Status');
    var badge = make('span', 'badge badge-' + row.status, statusLabel(row.status));
    badge.setAttribute('data-testid', 'instance-status');
    badge.setAttribute('data-value', row.status);
    status.appendChild(badge);
    tr.appendChild(status);

    tr.appendChild(numberCell('Tokens', 'instance-tokens', function (td) { setInteger(td, row.total_tokens); }));
    tr.appendChild(numberCell('API calls', 'instance-requests', function (td) { setInteger(td, row.total_requests); }));
    tr.appendChild(numberCell('Cost', 'instance-cost', function (td) { setMoney(td, row.cost_usd); }));
    tr.appendChild(numberCell('End users', 'instance-end-users', function (td) {
      setInteger(td, row.unique_end_users);
    }));
    tr.appendChild(numberCell('Share of tokens', 'instance-share', function (td) {
      setText(td, formatPercent(row.token_share_pct), row.token_share_pct);
    }));
    return tr;
  }

  function numberCell(label, testId, fill) {
    var td = make('td', 'num');
    td.setAttribute('data-label', label);
    td.setAttribute('data-testid', testId);
    fill(td);
    return td;
  }

  function fillInstanceFilter(instances) {
    var select = el.instanceFilter;
    var keep = state.instance;
    while (select.options.length > 1) {
      select.remove(1);
    }
    var found = false;
    instances.forEach(function (row) {
      var label = row.instance_name === row.instance_id ? row.instance_id : row.instance_name + ' (' + row.instance_id + ')';
      if (row.status !== 'active') {
        label += ' – ' + statusLabel(row.status).toLowerCase();
      }
      var option = new Option(label, row.instance_id);
      select.add(option);
      found = found || row.instance_id === keep;
    });
    state.instance = found ? keep : '';
    select.value = state.instance;
  }

  // ---------------------------------------------------------------- chart

  function loadChart() {
    var request = ++state.chartRequest;
    var days = state.days;
    var instance = state.instance;
    var model = state.model;
    var tz = state.tz;
    var params = new URLSearchParams({ days: String(days), tz: tz });
    if (instance) {
      params.set('instance_id', instance);
    }
    if (model) {
      params.set('model', model);
    }
    el.chartBox.setAttribute('aria-busy', 'true');
    el.chartBox.setAttribute('data-state', 'loading');
    return api(API + '/usage/chart?' + params.toString())
      .then(function (chart) {
        if (request === state.chartRequest) {
          drawChart(chart, days, instance, model, tz);
        }
      })
      .catch(function (error) {
        if (request !== state.chartRequest) {
          return;
        }
        el.chartBox.setAttribute('data-state', 'error');
        el.chartBox.setAttribute('aria-busy', 'false');
        if (error instanceof ApiError && error.status === 401) {
          throw error;
        }
        if (error instanceof ApiError && error.status === 422 && tz !== 'UTC') {
          // a zone this browser knows and the server does not: show UTC days rather than nothing
          state.tz = 'UTC';
          el.tzFilter.value = 'UTC';
          showAlert('The time zone ' + tz + ' is not known to the billing server; showing UTC days.', false);
          return loadChart();
        }
        if (error instanceof ApiError && error.status === 404 && instance) {
          state.instance = '';
          el.instanceFilter.value = '';
          showAlert('That instance is no longer on your account; showing all instances.', false);
          return loadChart();
        }
        showAlert('The chart could not be loaded' + (error.detail ? ' (' + error.detail + ')' : '') + '.', true);
      });
  }

  function cssVar(name, fallback) {
    var value = window.getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  // Axis ticks: short ("90K", "$1.2K", "$0.25") but with enough digits that neighbouring ticks never read the same.
  var compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });
  var compactMoneyFormat = new Intl.NumberFormat(undefined, {
    style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3
  });

  function compactNumber(value) {
    return compactFormat.format(value);
  }

  function compactMoney(value) {
    return compactMoneyFormat.format(value);
  }

  function drawChart(chart, days, instance, model, tz) {
    var points = chart.points;
    var labels = points.map(function (p) { return formatDay(p.date); });
    var tokens = points.map(function (p) { return Number(p.tokens); });
    var costs = points.map(function (p) { return Number(p.cost_usd); }); // drawing only; the exact value is in the tooltip

    setText('chart-label', '· ' + chart.period_label + (instance ? ' · ' + instanceLabel(instance) : '') +
      (model ? ' · ' + model : '') + ' · ' + tz);
    setText(document.getElementById('chart-table-tz'), '(' + tz + ')');
    fillChartTable(points);
    summarize(points, chart.period_label, instance);

    if (typeof window.Chart === 'function') {
      if (!state.chart) {
        state.chart = createChart(labels, tokens, costs, points);
      } else {
        state.chart.data.labels = labels;
        state.chart.data.datasets[0].data = tokens;
        state.chart.data.datasets[1].data = costs;
        state.chart.$points = points;
        state.chart.options.datasets.line.pointRadius = points.length > 14 ? 0 : 3;
        state.chart.update();
      }
    } else {
      // Chart.js did not load: the numbers stay available in the table.
      el.chartTable.open = true;
    }

    el.chartBox.setAttribute('data-points', String(state.chart ? state.chart.data.labels.length : points.length));
    el.chartBox.setAttribute('data-days', String(days));
    el.chartBox.setAttribute('data-instance', instance);
    el.chartBox.setAttribute('data-model', model);
    el.chartBox.setAttribute('data-tz', tz);
    setDownload(points, instance, model, tz);
    el.chartBox.setAttribute('data-state', 'ready');
    el.chartBox.setAttribute('aria-busy', 'false');
  }

  // ---------------------------------------------------------------- download

  /**
   * The export of the days shown, in the chart's zone: by day, or by day and instance / model when the chart is
   * filtered to one (the export itself has no filter, so the file holds every group and the one shown among them).
   */
  function setDownload(points, instance, model, tz) {
    if (!points.length) {
      return;
    }
    var grouping = instance ? 'day,instance' : model ? 'day,model' : 'day';
    var params = new URLSearchParams({ from: points[0].date, to: points[points.length - 1].date, tz: tz,
      group_by: grouping, format: 'csv' });
    var href = API + '/usage/export?' + params.toString();
    el.download.setAttribute('data-href', href);
    el.download.setAttribute('href', href);
    el.download.setAttribute('download', 'usage-' + points[0].date + '-' + points[points.length - 1].date + '.csv');
    setText(document.getElementById('download-grouping'),
      grouping === 'day' ? '' : ', by ' + grouping.replace('day,', 'day and '));
  }

  /** The export needs the bearer token, which a plain link cannot send: fetch it, then save what came. */
  function onDownload(event) {
    event.preventDefault();
    var href = el.download.getAttribute('data-href');
    if (!href) {
      return;
    }
    window.fetch(href, {
      headers: { 'Authorization': 'Bearer ' + state.token },
      cache: 'no-store',
      credentials: 'omit'
    }).then(function (response) {
      if (!response.ok) {
        throw new ApiError(response.status, null);
      }
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var save = document.createElement('a');
      save.href = url;
      save.download = el.download.getAttribute('download') || 'usage.csv';
      document.body.appendChild(save);
      save.click();
      save.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      announce('CSV downloaded.');
    }).catch(handleError);
  }

  function createChart(labels, tokens, costs, points) {
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var text = cssVar('--muted', '#4b5563');
    var grid = cssVar('--grid', '#e5e7eb');
    var chart = new window.Chart(el.canvas, {
      data: {
        labels: labels,
        datasets: [
          {
            type: 'bar', label: 'Tokens', data: tokens, yAxisID: 'y', order: 2,
            backgroundColor: cssVar('--chart-bar', '#2563eb'), borderRadius: 2, maxBarThickness: 28
          },
          {
            type: 'line', label: 'Cost (USD)', data: costs, yAxisID: 'y1', order: 1,
            borderColor: cssVar('--chart-line', '#c2410c'), backgroundColor: cssVar('--chart-line', '#c2410c'),
            borderWidth: 2, cubicInterpolationMode: 'monotone'
          }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 250 },
        interaction: { mode: 'index', intersect: false },
        datasets: { line: { pointRadius: points.length > 14 ? 0 : 3 } },
        scales: {
          x: { grid: { display: false }, ticks: { color: text, maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
          y: {
            beginAtZero: true, position: 'left', grid: { color: grid },
            title: { display: true, text: 'Tokens', color: text },
            ticks: { color: text, callback: function (v) { return compactNumber(v); } }
          },
          y1: {
            beginAtZero: true, position: 'right', grid: { drawOnChartArea: false },
            title: { display: true, text: 'Cost (USD)', color: text },
            ticks: { color: text, callback: function (v) { return compactMoney(v); } }
          }
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: text, boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: function (context) {
                var point = context.chart.$points[context.dataIndex];
                if (context.datasetIndex === 0) {
                  return 'Tokens: ' + formatInteger(point.tokens) + ' (' + formatInteger(point.requests) + ' API calls)';
                }
                var micros = toMicros(point.cost_usd);
                return 'Cost: ' + formatDollars(roundedDollars(micros)) + ' (exact $' + microsToDecimal(micros, 2) + ')';
              }
            }
          }
        }
      }
    });
    chart.$points = points;
    return chart;
  }

  function fillChartTable(points) {
    var body = el.chartRows;
    body.textContent = '';
    points.forEach(function (p) {
      var tr = make('tr');
      tr.setAttribute('data-date', p.date);
      var day = make('th', null, p.date);
      day.scope = 'row';
      tr.appendChild(day);
      var tokens = make('td', 'num');
      setInteger(tokens, p.tokens);
      tr.appendChild(tokens);
      var requests = make('td', 'num');
      setInteger(requests, p.requests);
      tr.appendChild(requests);
      var cost = make('td', 'num');
      setMoney(cost, p.cost_usd);
      tr.appendChild(cost);
      body.appendChild(tr);
    });
  }

  function summarize(points, label, instance) {
    var tokens = 0;
    var cost = BigInt(0);
    var peak = null;
    points.forEach(function (p) {
      tokens += Number(p.tokens);
      cost += toMicros(p.cost_usd);
      if (peak === null || Number(p.tokens) > Number(peak.tokens)) {
        peak = p;
      }
    });
    var text = label + (instance ? ' for ' + instanceLabel(instance) : '') + ': ' + formatInteger(tokens) +
      ' tokens, ' + formatDollars(roundedDollars(cost)) + ' of usage';
    if (peak && Number(peak.tokens) > 0) {
      text += '; busiest day ' + formatDay(peak.date) + ' with ' + formatInteger(peak.tokens) + ' tokens';
    }
    el.chartSummary.textContent = text + '.';
    el.canvas.setAttribute('aria-label', 'Bar chart of daily tokens with a line of daily cost. ' + text + '.');
  }

  function instanceLabel(instanceId) {
    var option = Array.prototype.find.call(el.instanceFilter.options, function (o) { return o.value === instanceId; });
    return option ? option.textContent : instanceId;
  }

  function onDaysChange(event) {
    if (event.target.name !== 'days') {
      return;
    }
    state.days = Number(event.target.value);
    refreshChart();
  }

  function onInstanceChange() {
    state.instance = el.instanceFilter.value;
    refreshChart();
  }

  function onModelChange() {
    state.model = el.modelFilter.value;
    refreshChart();
  }

  function onZoneChange() {
    state.tz = el.tzFilter.value;
    refreshChart();
  }

  function refreshChart() {
    hideAlert();
    loadChart().then(function () {
      announce('Chart shows ' + byTestId('chart-label').textContent.replace(/^·\s*/, '') + '.');
    }).catch(handleError);
  }

  // ---------------------------------------------------------------- start

  function start() {
    el.main = document.getElementById('main');
    el.status = document.getElementById('status');
    el.alert = document.getElementById('alert');
    el.tokenPanel = document.getElementById('token-panel');
    el.tokenForm = document.getElementById('token-form');
    el.tokenInput = document.getElementById('token-input');
    el.changeToken = document.getElementById('change-token');
    el.dashboard = document.getElementById('dashboard');
    el.trialBanner = document.getElementById('trial-banner');
    el.upgradeLink = document.getElementById('upgrade-link');
    el.instanceRows = document.getElementById('instance-rows');
    el.instancesEmpty = document.getElementById('instances-empty');
    el.instanceFilter = document.getElementById('instance-filter');
    el.modelFilter = document.getElementById('model-filter');
    el.tzFilter = document.getElementById('tz-filter');
    el.modelRows = document.getElementById('model-rows');
    el.modelsEmpty = document.getElementById('models-empty');
    el.download = document.getElementById('download-csv');
    el.chartBox = byTestId('usage-chart');
    el.canvas = document.getElementById('usage-canvas');
    el.chartRows = document.getElementById('chart-rows');
    el.chartTable = document.querySelector('.chart-table');
    el.chartSummary = document.getElementById('chart-summary');

    fillZones();
    el.download.addEventListener('click', onDownload);
    el.tokenForm.addEventListener('submit', onTokenSubmit);
    el.changeToken.addEventListener('click', onChangeToken);
    document.getElementById('chart-controls').addEventListener('change', function (event) {
      if (event.target === el.instanceFilter) {
        onInstanceChange();
      } else if (event.target === el.modelFilter) {
        onModelChange();
      } else if (event.target === el.tzFilter) {
        onZoneChange();
      } else {
        onDaysChange(event);
      }
    });
    document.getElementById('chart-controls').addEventListener('submit', function (event) {
      event.preventDefault();
    });
    window.addEventListener('hashchange', function () {
      var token = takeTokenFromHash();
      if (token) {
        storeToken(token);
        loadAll();
      }
    });

    var checked = document.querySelector('input[name="days"]:checked');
    state.days = checked ? Number(checked.value) : DEFAULT_DAYS;

    var token = takeTokenFromHash();
    if (token) {
      storeToken(token);
    } else {
      state.token = readStoredToken();
    }
    if (state.token) {
      loadAll();
    } else {
      showTokenPanel();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
