// On a phone a list's table shows each row as a card of "label: value" lines (app.css, "Stacked cards"): every cell
// of a data table is labelled with its column's header here, so no page repeats its headers on its cells. Tables
// render and change after the page loads (Blazor), so cells are labelled whenever the document changes.
(() => {
    const headerText = th => {
        const copy = th.cloneNode(true);
        copy.querySelectorAll('[aria-hidden=true]').forEach(hidden => hidden.remove());
        return copy.textContent.trim();
    };

    const label = table => {
        const headers = [...table.querySelectorAll(':scope > thead > tr:last-child > th')].map(headerText);
        for (const row of table.querySelectorAll(':scope > tbody > tr, :scope > tfoot > tr')) {
            let column = 0;
            for (const cell of row.children) {
                // A cell spanning columns (an empty list's message, a row's details) is a line of its own.
                const text = cell.colSpan === 1 ? headers[column] ?? '' : '';
                if (cell.dataset.label !== text) {
                    cell.dataset.label = text;
                }
                column += cell.colSpan;
            }
        }
    };

    let pending = false;
    const labelAll = () => {
        pending = false;
        document.querySelectorAll('table.data-table').forEach(label);
    };
    const schedule = () => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(labelAll);
        }
    };

    // Setting a label changes an attribute only, which the observer does not watch: labelling never loops.
    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    schedule();
})();
