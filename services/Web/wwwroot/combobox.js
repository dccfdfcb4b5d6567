// A combobox's open list takes the arrow keys, Enter and Escape (Blazor handles them on the server): the browser
// must not also move the caret, submit the form or clear the input. Blazor cannot decide this per key, so it is done
// here, before the key's default action (see ClientPicker.razor).
document.addEventListener('keydown', event => {
    const target = event.target;
    if (target instanceof HTMLElement && target.matches('[role=combobox][aria-expanded=true]')
        && ['ArrowDown', 'ArrowUp', 'Enter', 'Escape'].includes(event.key)) {
        event.preventDefault();
    }
}, true);
