// The dashboard page: reads /api/*, listens to /api/events (server-sent events) and
// refreshes only what changed. Amounts arrive as yuan strings computed from fen on the
// server; the chart's amounts are fen integers, formatted with integer arithmetic.
(function () {
	'use strict';
	const I18N = window.PAYTALLY_I18N;
	const state = { lang: localStorage.getItem('paytally.lang') || 'zh', mchid: '', anomalyType: '', lookup: '', chart: null,
		operations: false };

	function t(key) {
		const words = I18N[state.lang];
		return (key in words) ? words[key] : key;
	}

	// fen (an integer) as yuan with two decimals, exactly
	function yuan(fen) {
		const negative = fen < 0;
		const abs = Math.abs(fen);
		const cents = abs % 100;
		const whole = (abs - cents) / 100;
		return (negative ? '-' : '') + whole + '.' + (cents < 10 ? '0' : '') + cents;
	}

	function el(tag, text, cls) {
		const e = document.createElement(tag);
		if (text !== undefined && text !== null) {
			e.textContent = text;
		}
		if (cls) {
			e.className = cls;
		}
		return e;
	}

	function row(cells, cls) {
		const tr = el('tr', null, cls);
		cells.forEach((c) => tr.appendChild(c instanceof Node ? wrap(c) : el('td', c)));
		return tr;
	}

	function wrap(node) {
		if (node.tagName === 'TD') {
			return node;
		}
		const td = el('td');
		td.appendChild(node);
		return td;
	}

	function num(text) {
		return el('td', text, 'num');
	}

	async function getJson(url) {
		const response = await fetch(url, { headers: { 'Accept': 'application/json' } });
		if (!response.ok) {
			const error = new Error(url + ': ' + response.status);
			error.status = response.status;
			throw error;
		}
		return response.json();
	}

	function query(params) {
		const search = new URLSearchParams();
		Object.keys(params).forEach((k) => { if (params[k]) { search.set(k, params[k]); } });
		const s = search.toString();
		return s ? '?' + s : '';
	}

	function applyLanguage() {
		document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
		document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
		document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
		document.getElementById('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
		const live = document.getElementById('live');
		live.textContent = t(live.classList.contains('on') ? 'online' : 'offline');
		showRunMessage();
	}

	// the answer to the last "run a statement", in the language shown
	function showRunMessage() {
		const message = document.getElementById('run-message');
		if (state.runMessage) {
			message.className = state.runMessage.ok ? 'good' : 'bad';
			message.textContent = t(state.runMessage.key) + ': ' + state.runMessage.text;
		}
	}

	// a view that is not ready yet (503 while the stores restore) is asked again shortly
	function retrying(refresh) {
		return function () {
			const args = arguments;
			return refresh.apply(null, args).catch((error) => {
				// logged out, or not for this user's role: asking again would not help
				if (error.status === 401) {
					location.href = '/login';
				}
				else if (error.status !== 403) {
					setTimeout(() => retrying(refresh).apply(null, args), 1000);
				}
			});
		};
	}

	function renderAll() {
		applyLanguage();
		if (state.operations) {
			refreshOverview();
		}
		refreshAnomalies();
		refreshStatements();
		refreshRuns();
		if (state.operations) {
			refreshHealth();
		}
		if (state.operations && state.lookup) {
			lookup(state.lookup);
		}
	}

	const refreshOverview = retrying(async function () {
		const data = await getJson('/api/overview' + query({ mchid: state.mchid }));
		document.getElementById('now').textContent = data.now;
		const select = document.getElementById('merchant');
		const known = Array.from(select.options).map((o) => o.value);
		data.merchants.filter((m) => !known.includes(m)).forEach((m) => select.appendChild(new Option(m, m)));
		document.getElementById('run-merchants').replaceChildren(...data.merchants.map((m) => new Option(m, m)));
		const runMchid = document.getElementById('run-mchid');
		if (!runMchid.value && state.mchid) {
			runMchid.value = state.mchid;
		}
		document.getElementById('total-paid').textContent = data.totals.paid;
		document.getElementById('total-amount').textContent = data.totals.amountPaid;
		document.getElementById('success-rate').textContent = data.totals.successRate;
		document.getElementById('total-refunds').textContent = data.totals.refunds;
		document.getElementById('total-refunded').textContent = data.totals.amountRefunded;
		document.getElementById('total-closed').textContent = data.totals.closed;
		document.getElementById('due-count').textContent = data.due.count;
		document.getElementById('due-within').textContent = data.due.withinMinutes;
		const byStatus = document.querySelector('#by-status tbody');
		byStatus.replaceChildren(...Object.keys(data.byStatus).map((s) => row([el('td', t(s)), num(data.byStatus[s])])));
		const due = document.querySelector('#due-list tbody');
		due.replaceChildren(...data.due.soonest.map((d) => row([d.mchid, d.outTradeNo, t(d.status), d.expireAt])));
		drawChart(data.minutes);
	});

	function drawChart(minutes) {
		const labels = minutes.map((m) => m.label);
		const paid = minutes.map((m) => m.paid);
		const amounts = minutes.map((m) => m.amountPaidFen);
		if (!state.chart) {
			state.chart = new Chart(document.getElementById('per-minute'), {
				data: {
					labels: labels,
					datasets: [
						{ type: 'bar', label: t('seriesPaid'), data: paid, yAxisID: 'count', backgroundColor: '#07c160' },
						{ type: 'line', label: t('seriesAmount'), data: amounts, yAxisID: 'fen', borderColor: '#576b95', pointRadius: 0 }
					]
				},
				options: {
					animation: false, maintainAspectRatio: false,
					scales: {
						count: { position: 'left', beginAtZero: true, ticks: { precision: 0 } },
						fen: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: (v) => yuan(Math.round(v)) } }
					},
					plugins: { tooltip: { callbacks: { label: (c) => c.dataset.yAxisID === 'fen' ? c.dataset.label + ': ' + yuan(c.raw) : c.dataset.label + ': ' + c.raw } } }
				}
			});
			window.paytallyChart = state.chart;
		}
		else {
			state.chart.data.labels = labels;
			state.chart.data.datasets[0].data = paid;
			state.chart.data.datasets[1].data = amounts;
			state.chart.data.datasets[0].label = t('seriesPaid');
			state.chart.data.datasets[1].label = t('seriesAmount');
			state.chart.update();
		}
	}

	const refreshAnomalies = retrying(async function () {
		const data = await getJson('/api/anomalies' + query({ mchid: state.mchid, type: state.anomalyType }));
		document.getElementById('anomaly-total').textContent = data.total;
		const chips = document.getElementById('anomaly-counts');
		chips.replaceChildren(...Object.keys(data.counts).map((type) => {
			const chip = el('span', t(type) + ' ' + data.counts[type], 'chip');
			chip.dataset.type = type;
			chip.addEventListener('click', () => { state.anomalyType = type; document.getElementById('anomaly-type').value = type; refreshAnomalies(); });
			return chip;
		}));
		const typeSelect = document.getElementById('anomaly-type');
		Array.from(typeSelect.options).forEach((o) => { if (o.value) { o.textContent = t(o.value); } });
		Object.keys(data.counts).filter((type) => !Array.from(typeSelect.options).some((o) => o.value === type))
			.forEach((type) => typeSelect.appendChild(new Option(t(type), type)));
		const body = document.querySelector('#anomaly-list tbody');
		body.replaceChildren(...data.items.map((a) => {
			const amount = a.actualAmount !== null ? (a.expectedAmount !== null && a.expectedAmount !== a.actualAmount
				? t('expected') + ' ' + a.expectedAmount + ' / ' + t('actual') + ' ' + a.actualAmount : a.actualAmount)
				: (a.expectedAmount || '');
			const tr = row([a.detectedAt, t(a.type), a.mchid, a.outTradeNo, num(amount), t(a.action), a.detail || ''], a.open ? 'open' : 'settled');
			tr.dataset.id = a.id;
			tr.dataset.type = a.type;
			return tr;
		}));
	});

	const lookup = retrying(async function (number) {
		state.lookup = number;
		const orders = await getJson('/api/orders' + query({ number: number }));
		const result = document.getElementById('lookup-result');
		if (orders.length === 0) {
			result.replaceChildren(el('p', t('notFound'), 'bad'));
			return;
		}
		result.replaceChildren(...orders.map((o) => {
			const box = el('div', null, 'order');
			box.dataset.order = o.mchid + '@' + o.outTradeNo;
			const head = el('p');
			head.appendChild(el('strong', o.outTradeNo));
			head.appendChild(document.createTextNode(' · ' + t('merchant') + ' ' + o.mchid + ' · ' + t('merchantOrderNo') + ' '
				+ (o.merchantOrderNo || '-') + ' · ' + o.amount + ' · '));
			head.appendChild(el('span', t(o.status), 'status'));
			box.appendChild(head);
			box.appendChild(el('h3', t('transitions')));
			const table = el('table', null, 'transitions');
			table.appendChild(row([t('version'), t('state'), t('at'), t('road'), t('wechatSaid'), t('paidAt'), t('refunded'), t('closeReason')].map((h) => el('th', h))));
			o.transitions.forEach((s) => {
				const said = t('wechat.' + s.wechat) + (s.wechatAmount ? ' ' + s.wechatAmount : '');
				const tr = row([num(s.version), el('td', t(s.status)), el('td', s.at), el('td', t('road.' + s.road), 'road'),
					el('td', said, 'wechat'), el('td', s.paidAt || ''), num(s.refunded), el('td', s.closeReason || '')]);
				tr.dataset.status = s.status;
				tr.dataset.road = s.road;
				tr.dataset.wechat = s.wechat;
				table.appendChild(tr);
			});
			box.appendChild(table);
			return box;
		}));
	});

	const refreshStatements = retrying(async function () {
		const rows = await getJson('/api/statements' + query({ mchid: state.mchid }));
		const select = document.getElementById('merchant');
		const known = Array.from(select.options).map((o) => o.value);
		rows.map((r) => r.mchid).filter((m, i, all) => !known.includes(m) && all.indexOf(m) === i)
			.forEach((m) => select.appendChild(new Option(m, m)));
		const body = document.querySelector('#statement-list tbody');
		body.replaceChildren(...rows.map((s) => {
			const differences = s.differences.filter((d) => d.differenceClass !== 'MATCHED' && d.count > 0)
				.map((d) => t(d.differenceClass) + ' ' + d.count + ' (' + d.amount + ')').join('; ');
			const links = el('td');
			Object.keys(s.reports).forEach((file) => {
				const a = el('a', file);
				a.href = s.reports[file];
				a.target = '_blank';
				links.appendChild(a);
				links.appendChild(document.createTextNode(' '));
			});
			const tr = row([s.billDate, s.mchid, el('td', s.clean ? t('clean') : t('notClean'), s.clean ? 'good' : 'bad'),
				num(s.billPayments + ' / ' + s.billSettled), num(s.billRefunds + ' / ' + s.billRefunded), num(s.fees),
				num(s.netSettlement), num(s.matched + ' / ' + s.matchedAmount), el('td', differences || t('none')), links,
				s.run ? el('td', t(s.run.status), 'run-' + s.run.status) : el('td', '')],
				s.clean ? 'clean' : 'unclean');
			tr.dataset.key = s.mchid + '@' + s.billDate;
			return tr;
		}));
	});

	const refreshRuns = retrying(async function () {
		const runs = await getJson('/api/statement-runs' + query({ mchid: state.mchid }));
		const body = document.querySelector('#run-list tbody');
		body.replaceChildren(...runs.map((r) => {
			const tr = row([r.billDate, r.mchid, el('td', t(r.status), 'run-' + r.status), num(String(r.attempt)),
				r.reason || '', r.nextAttemptAt || '', r.requestedBy, r.requestedAt, r.updatedAt]);
			tr.dataset.key = r.mchid + '@' + r.billDate;
			tr.dataset.status = r.status;
			return tr;
		}));
	});

	const refreshHealth = retrying(async function () {
		const data = await getJson('/api/pipeline');
		document.getElementById('health-at').textContent = data.at;
		document.getElementById('health-error').textContent = data.error || '';
		document.querySelector('#topic-list tbody').replaceChildren(...data.topics.map((tp) => {
			const tr = row([tp.topic, tp.lastRecordAt || t('never'), tp.ageSeconds === null ? '' : tp.ageSeconds + ' ' + t('seconds'),
				num(String(tp.endOffsets))]);
			tr.dataset.topic = tp.topic;
			return tr;
		}));
		document.querySelector('#group-list tbody').replaceChildren(...data.groups.map((g) => {
			const tr = row([g.groupId, g.state, num(String(g.totalLag)),
				g.topics.map((l) => l.topic + ' ' + l.lag).join('; ')], g.totalLag > 0 ? 'lagging' : '');
			tr.dataset.group = g.groupId;
			return tr;
		}));
	});

	// yesterday in Beijing time, the latest day with a bill
	function yesterdayInBeijing() {
		const beijing = new Date(Date.now() + 8 * 3600 * 1000 - 24 * 3600 * 1000);
		return beijing.toISOString().substring(0, 10);
	}

	async function requestRun(e) {
		e.preventDefault();
		const body = { mchid: document.getElementById('run-mchid').value.trim(), billDate: document.getElementById('run-date').value };
		try {
			const response = await window.PAYTALLY_SECURITY.post('/api/statement-runs', body);
			const answer = await response.json();
			if (!response.ok) {
				throw new Error(answer.error || String(response.status));
			}
			state.runMessage = { ok: true, key: 'runRequested', text: answer.mchid + ' ' + answer.billDate };
			showRunMessage();
			refreshRuns();
		}
		catch (error) {
			state.runMessage = { ok: false, key: 'runFailedToSend', text: error.message };
			showRunMessage();
		}
	}

	function listen() {
		const live = document.getElementById('live');
		const source = new EventSource('/api/events');
		source.onopen = () => { live.className = 'live on'; live.textContent = t('online'); };
		source.onerror = () => { live.className = 'live off'; live.textContent = t('offline'); };
		source.addEventListener('change', (e) => {
			const views = JSON.parse(e.data).views;
			if (state.operations && (views.includes('STATS') || views.includes('ORDERS'))) {
				refreshOverview();
			}
			if (views.includes('ANOMALIES')) {
				refreshAnomalies();
			}
			if (views.includes('STATEMENTS') || views.includes('STATEMENT_RUNS')) {
				refreshStatements();
			}
			if (views.includes('STATEMENT_RUNS')) {
				refreshRuns();
			}
			if (state.operations && views.includes('ORDERS') && state.lookup) {
				lookup(state.lookup);
			}
		});
	}

	document.getElementById('lang-toggle').addEventListener('click', () => {
		state.lang = state.lang === 'zh' ? 'en' : 'zh';
		localStorage.setItem('paytally.lang', state.lang);
		renderAll();
	});
	document.getElementById('merchant').addEventListener('change', (e) => { state.mchid = e.target.value; renderAll(); });
	document.getElementById('anomaly-type').addEventListener('change', (e) => { state.anomalyType = e.target.value; refreshAnomalies(); });
	document.getElementById('lookup-form').addEventListener('submit', (e) => {
		e.preventDefault();
		const number = document.getElementById('lookup-input').value.trim();
		if (number) {
			lookup(number);
		}
	});
	document.getElementById('run-form').addEventListener('submit', requestRun);
	document.getElementById('run-date').value = yesterdayInBeijing();
	const params = new URLSearchParams(location.search);
	if (params.get('lang') === 'en' || params.get('lang') === 'zh') {
		state.lang = params.get('lang');
	}
	// finance sees anomalies and statements; the overview and the lookup are operations'
	window.PAYTALLY_SECURITY.me.then((me) => {
		state.operations = me.roles.includes('OPERATIONS');
		if (!state.operations && !me.roles.includes('FINANCE')) {
			// an administrator only: the users page is theirs, the views are not
			applyLanguage();
			return;
		}
		renderAll();
		listen();
		if (state.operations) {
			// the minute rolls on even when nothing happens
			setInterval(refreshOverview, 30000);
			// the brokers are asked, not the views: no event tells of a change
			setInterval(refreshHealth, 5000);
		}
	});
}());
