using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>
/// A <see cref="WebUiContext"/> for <typeparamref name="TPage"/>, a page listing what <c>GET listPath</c> answers:
/// once loaded it shows the table with the test id <c>{testIdPrefix}-table</c>, and <c>{testIdPrefix}-empty</c>
/// when there is nothing to list.
/// </summary>
public abstract class ListPageContext<TPage>(string listPath, string testIdPrefix) : WebUiContext
    where TPage : IComponent
{
    protected RecordedRequest LastListRequest => Gateway.RequestsTo(HttpMethod.Get, listPath)[^1];

    /// <summary>From now on the gateway answers the list with a page of <paramref name="items"/>.</summary>
    protected void ServeList(params object[] items) =>
        Gateway.On(HttpMethod.Get, listPath, request => Paged(request, items));

    protected IRenderedComponent<TPage> RenderLoaded() => RenderLoaded<TPage>();

    /// <summary>Renders <typeparamref name="T"/> (this page or another showing the same table) once loaded.</summary>
    protected IRenderedComponent<T> RenderLoaded<T>() where T : IComponent
    {
        var page = Render<T>();
        page.WaitForElement($"[data-testid={testIdPrefix}-table]");
        return page;
    }

    /// <summary>The table's column headers, without sort arrows.</summary>
    protected IEnumerable<string> ColumnHeaders<T>(IRenderedComponent<T> page) where T : IComponent =>
        page.FindAll($"[data-testid={testIdPrefix}-table] thead th").Select(header => header.TextContent.Trim(' ', '▲', '▼'));

    /// <summary>A cell's text with its runs of spaces and line breaks folded to single spaces.</summary>
    protected static string CellText(IElement cell) =>
        string.Join(' ', cell.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Renders the page with nothing to list, asserting that it says <paramref name="text"/>.</summary>
    protected IRenderedComponent<TPage> RenderEmptySaying(string text)
    {
        ServeList();
        var page = RenderLoaded();
        page.Find($"[data-testid={testIdPrefix}-empty] p").TextContent.Trim().ShouldBe(text);
        return page;
    }
}
