// The own password: a one-time password is changed here before anything else opens.
(function () {
	'use strict';
	const security = window.PAYTALLY_SECURITY;
	const result = document.getElementById('password-result');
	security.me.then((me) => { document.getElementById('one-time').hidden = !me.passwordChangeRequired; });
	document.getElementById('password-form').addEventListener('submit', async (e) => {
		e.preventDefault();
		const current = document.getElementById('current-password').value;
		const next = document.getElementById('new-password').value;
		if (next !== document.getElementById('new-password-again').value) {
			result.textContent = '两次输入的新密码不一致 / The new passwords differ';
			return;
		}
		const response = await security.post('/account/api/password', { currentPassword: current, newPassword: next });
		if (response.ok) {
			// the session ended: log in again with the new password (the login form at /login)
			location.href = (await response.json()).next;
			return;
		}
		const body = await response.json().catch(() => ({}));
		result.textContent = body.error === 'CURRENT_PASSWORD_WRONG' ? '当前密码不正确 / The current password is wrong'
			: '新密码至少 12 个字符且不同于当前密码 / A new password has at least 12 characters and differs from the current one';
	});
}());
