// The administrator's users page: add a user with a role, reset a password, disable or
// enable a user. A one-time password is shown here once, to hand over to the user.
(function () {
	'use strict';
	const security = window.PAYTALLY_SECURITY;
	const shown = document.getElementById('one-time-password');
	const error = document.getElementById('users-error');

	function button(text, cls, action) {
		const b = document.createElement('button');
		b.type = 'button';
		b.textContent = text;
		b.className = cls;
		b.addEventListener('click', action);
		return b;
	}

	async function call(url, body) {
		error.textContent = '';
		const response = await security.post(url, body);
		const answer = await response.json().catch(() => ({}));
		if (!response.ok) {
			error.textContent = (answer.error || response.status) + (answer.message ? ': ' + answer.message : '');
			return null;
		}
		return answer;
	}

	function showOneTime(answer) {
		if (answer && answer.oneTimePassword) {
			shown.textContent = answer.name + ' 的一次性密码 / one-time password of ' + answer.name + ': ';
			const code = document.createElement('code');
			code.id = 'one-time-value';
			code.textContent = answer.oneTimePassword;
			shown.appendChild(code);
		}
	}

	async function refresh() {
		const response = await fetch('/admin/api/users', { headers: { 'Accept': 'application/json' } });
		if (!response.ok) {
			error.textContent = String(response.status);
			return;
		}
		const users = await response.json();
		document.querySelector('#user-list tbody').replaceChildren(...users.map((u) => {
			const tr = document.createElement('tr');
			tr.dataset.name = u.name;
			[u.name, u.role, u.enabled ? '启用 / enabled' : '停用 / disabled', u.passwordChangeRequired ? '是 / yes' : '']
				.forEach((text) => { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); });
			const actions = document.createElement('td');
			const name = encodeURIComponent(u.name);
			actions.appendChild(button('重置密码 / Reset password', 'reset', async () => {
				showOneTime(await call('/admin/api/users/' + name + '/password'));
				refresh();
			}));
			actions.appendChild(u.enabled
				? button('停用 / Disable', 'disable', async () => { await call('/admin/api/users/' + name + '/disable'); refresh(); })
				: button('启用 / Enable', 'enable', async () => { await call('/admin/api/users/' + name + '/enable'); refresh(); }));
			tr.appendChild(actions);
			return tr;
		}));
	}

	document.getElementById('add-form').addEventListener('submit', async (e) => {
		e.preventDefault();
		const answer = await call('/admin/api/users',
			{ name: document.getElementById('new-name').value.trim(), role: document.getElementById('new-role').value });
		showOneTime(answer);
		if (answer) {
			document.getElementById('new-name').value = '';
		}
		refresh();
	});
	refresh();
}());
