// The confirmation step before an operator action: a modal <dialog> (keyboard: Tab between the buttons,
// Escape cancels; Cancel has the focus first, so Enter alone never confirms).
export function confirmAction(title, text, confirmLabel) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-ok').textContent = confirmLabel;
    const opener = document.activeElement;
    return new Promise((resolve) => {
        dialog.addEventListener('close', () => {
            resolve(dialog.returnValue === 'ok');
            if (opener && opener.isConnected) opener.focus();
        }, {once: true});
        dialog.returnValue = 'cancel';
        dialog.showModal();
        document.getElementById('confirm-cancel').focus();
    });
}
