using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Shared;

/// <summary>
/// The sortable columns of one table, as its <see cref="SortHeader"/>s announce them (in header order), with the
/// list's current sort and the callback the headers call. <see cref="SortPicker"/> reads it to offer the same sort
/// where the headers cannot be reached: on a phone, where the table is a stack of cards and its header is hidden.
/// Cascaded by <see cref="ListFrame{TItem}"/> (and <see cref="SortableTable"/> for tables outside one).
/// </summary>
public sealed class SortColumns
{
    private readonly List<(object Owner, string Column, string Label)> columns = [];

    /// <summary>Raised when a column, the sort or the direction changes, so the picker shows it.</summary>
    public event Action? Changed;

    public IEnumerable<(string Column, string Label)> All =>
        columns.Select(column => (column.Column, column.Label)).DistinctBy(column => column.Column);

    public string Sort { get; private set; } = string.Empty;

    public string Direction { get; private set; } = string.Empty;

    public EventCallback<string> OnSort { get; private set; }

    /// <summary>Called by each header whenever its parameters are set; a header that goes away calls <see cref="Remove"/>.</summary>
    public void Announce(object owner, string column, string label, string sort, string direction,
        EventCallback<string> onSort)
    {
        var changed = sort != Sort || direction != Direction;
        Sort = sort;
        Direction = direction;
        OnSort = onSort;
        var index = columns.FindIndex(entry => ReferenceEquals(entry.Owner, owner));
        if (index < 0)
        {
            columns.Add((owner, column, label));
            changed = true;
        }
        else if (columns[index].Column != column || columns[index].Label != label)
        {
            columns[index] = (owner, column, label);
            changed = true;
        }
        if (changed)
        {
            Changed?.Invoke();
        }
    }

    public void Remove(object owner)
    {
        if (columns.RemoveAll(entry => ReferenceEquals(entry.Owner, owner)) > 0)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Sorts by <paramref name="column"/> as a click on its header does (its own default direction).</summary>
    public Task SortByAsync(string column) => column == Sort ? Task.CompletedTask : OnSort.InvokeAsync(column);

    /// <summary>
    /// Sorts the current column in <paramref name="direction"/>: a second click on its header reverses the order, so
    /// that is what this does when the direction differs.
    /// </summary>
    public Task SortInDirectionAsync(string direction) =>
        direction == Direction || Sort.Length == 0 ? Task.CompletedTask : OnSort.InvokeAsync(Sort);
}
