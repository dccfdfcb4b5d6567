using System.Globalization;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientPickerTests : WebUiContext
{
    private const string Picker = "picker";

    // More clients than the services' largest page (200): the picker must reach every one by its name.
    private static readonly IReadOnlyList<(Guid Id, string Name)> Clients = Enumerable.Range(1, 300)
        .Select(number => (Guid.Parse($"c1000000-0000-4000-8000-{number:D12}"), $"Client {number:D3}"))
        .ToList();

    private readonly List<Guid?> picked = [];

    public ClientPickerTests() => Gateway.ServeClientChoices(Clients);

    private static Guid IdOf(int number) => Clients[number - 1].Id;

    private IRenderedComponent<ClientPicker> RenderPicker(Guid? value = null, string? noneLabel = null) =>
        Render<ClientPicker>(parameters => parameters
            .Add(picker => picker.Label, "Client")
            .Add(picker => picker.TestId, Picker)
            .Add(picker => picker.Value, value)
            .Add(picker => picker.NoneLabel, noneLabel)
            .Add(picker => picker.ValueChanged, EventCallback.Factory.Create<Guid?>(this, picked.Add)));

    private static void Press(IRenderedComponent<ClientPicker> picker, string key) =>
        picker.Find($"[data-testid={Picker}-input]").KeyDown(new KeyboardEventArgs { Key = key });

    private static IEnumerable<string> OptionNames(IRenderedComponent<ClientPicker> picker) =>
        picker.FindAll($"[data-testid={Picker}-option]").Select(option => option.TextContent.Trim());

    private static string? ActiveOptionName(IRenderedComponent<ClientPicker> picker)
    {
        var input = picker.Find($"[data-testid={Picker}-input]");
        var active = input.GetAttribute("aria-activedescendant");
        var options = picker.FindAll("[role=option]");
        options.Where(option => option.GetAttribute("aria-selected") == "true").Select(option => option.Id)
            .ShouldBe(active is null ? [] : [active], "the highlighted option is the one selected for assistive technology");
        return options.SingleOrDefault(option => option.Id == active)?.TextContent.Trim();
    }

    /// <summary>Types <paramref name="text"/> and lets the pause before the search pass on the fake clock.</summary>
    private void Type(IRenderedComponent<ClientPicker> picker, string text)
    {
        picker.Find($"[data-testid={Picker}-input]").Input(text);
        picker.WaitForAssertion(() => picker.Find($"[data-testid={Picker}-note]").TextContent.ShouldBe("Searching…"));
        Time.Advance(ClientPicker.DebounceDelay);
    }

    [Fact]
    public void Typing_finds_a_client_beyond_the_first_200_and_clicking_it_chooses_it()
    {
        var picker = RenderPicker();

        Type(picker, "client 287");

        picker.WaitForAssertion(() => OptionNames(picker).ShouldBe(["Client 287"]));
        var search = Gateway.RequestsTo(HttpMethod.Get, SubscriptionClientsPath).ShouldHaveSingleItem().Query;
        search["search"].ShouldBe("client 287");
        search["sort"].ShouldBe("name");
        search["pageSize"].ShouldBe(ClientPicker.Choices.ToString(CultureInfo.InvariantCulture));

        picker.Find($"[data-testid={Picker}-option]").Click();

        picked.ShouldBe([IdOf(287)]);
        var input = picker.Find($"[data-testid={Picker}-input]");
        input.GetAttribute("value").ShouldBe("Client 287");
        input.GetAttribute("aria-expanded").ShouldBe("false");
    }

    [Fact]
    public void Typing_searches_once_the_typing_pauses()
    {
        var picker = RenderPicker();

        picker.Find($"[data-testid={Picker}-input]").Input("Cli");
        picker.Find($"[data-testid={Picker}-input]").Input("Client 29");
        Time.Advance(ClientPicker.DebounceDelay);

        picker.WaitForAssertion(() => OptionNames(picker).Count().ShouldBe(10));
        Gateway.RequestsTo(HttpMethod.Get, SubscriptionClientsPath).ShouldHaveSingleItem().Query["search"].ShouldBe("Client 29");
    }

    [Fact]
    public void The_list_is_a_combobox_that_says_when_more_clients_match_than_it_shows()
    {
        var picker = RenderPicker();
        var input = picker.Find($"[data-testid={Picker}-input]");
        input.GetAttribute("role").ShouldBe("combobox");
        input.GetAttribute("aria-expanded").ShouldBe("false");
        var list = picker.Find("[role=listbox]");
        input.GetAttribute("aria-controls").ShouldBe(list.Id);

        Press(picker, "ArrowDown");

        picker.WaitForAssertion(() => OptionNames(picker).Count().ShouldBe(ClientPicker.Choices));
        picker.Find($"[data-testid={Picker}-input]").GetAttribute("aria-expanded").ShouldBe("true");
        OptionNames(picker).First().ShouldBe("Client 001");
        picker.Find($"[data-testid={Picker}-note]").TextContent
            .ShouldBe("The first 20 of 300 clients: type more of the name to find the others.");
        Gateway.RequestsTo(HttpMethod.Get, SubscriptionClientsPath).ShouldHaveSingleItem().Query.ShouldNotContainKey("search");
    }

    [Fact]
    public void Arrow_keys_move_through_the_matches_and_Enter_chooses_the_highlighted_one()
    {
        var picker = RenderPicker();

        Type(picker, "Client 28");
        picker.WaitForAssertion(() => OptionNames(picker).Count().ShouldBe(10));
        ActiveOptionName(picker).ShouldBe("Client 280", "typing highlights the first match");

        Press(picker, "ArrowDown");
        Press(picker, "ArrowDown");
        ActiveOptionName(picker).ShouldBe("Client 282");
        Press(picker, "ArrowUp");
        ActiveOptionName(picker).ShouldBe("Client 281");
        Press(picker, "Enter");

        picked.ShouldBe([IdOf(281)]);
        var input = picker.Find($"[data-testid={Picker}-input]");
        input.GetAttribute("value").ShouldBe("Client 281");
        input.GetAttribute("aria-expanded").ShouldBe("false");
        input.HasAttribute("aria-activedescendant").ShouldBeFalse();
    }

    [Fact]
    public void Escape_closes_the_list_and_shows_the_chosen_client_again()
    {
        var picker = RenderPicker(IdOf(250));
        picker.WaitForAssertion(() => picker.Find($"[data-testid={Picker}-input]").GetAttribute("value").ShouldBe("Client 250"));

        Type(picker, "Client 1");
        picker.WaitForAssertion(() => OptionNames(picker).ShouldNotBeEmpty());
        Press(picker, "Escape");

        var input = picker.Find($"[data-testid={Picker}-input]");
        input.GetAttribute("aria-expanded").ShouldBe("false");
        input.GetAttribute("value").ShouldBe("Client 250");
        picked.ShouldBeEmpty();
    }

    [Fact]
    public void A_client_chosen_by_the_page_shows_its_name()
    {
        var picker = RenderPicker(IdOf(300));

        picker.WaitForAssertion(() =>
            picker.Find($"[data-testid={Picker}-input]").GetAttribute("value").ShouldBe("Client 300"));
        picker.Find($"[data-testid={Picker}-input]").GetAttribute("data-client-id").ShouldBe(IdOf(300).ToString());
    }

    [Fact]
    public void Where_no_client_is_allowed_it_is_the_first_option()
    {
        var picker = RenderPicker(IdOf(3), noneLabel: "All clients");
        picker.WaitForAssertion(() => picker.Find($"[data-testid={Picker}-input]").GetAttribute("value").ShouldBe("Client 003"));

        Press(picker, "ArrowDown");
        picker.WaitForAssertion(() => OptionNames(picker).First().ShouldBe("All clients"));
        Press(picker, "ArrowDown");
        Press(picker, "Enter");

        picked.ShouldBe([null]);
        picker.Find($"[data-testid={Picker}-input]").GetAttribute("value").ShouldBeEmpty();
    }

    [Fact]
    public void A_name_nothing_matches_says_so()
    {
        var picker = RenderPicker();

        Type(picker, "Fabrikam");

        picker.WaitForAssertion(() => picker.Find($"[data-testid={Picker}-note]").TextContent
            .ShouldBe("No client's name contains “Fabrikam”."));
        OptionNames(picker).ShouldBeEmpty();
    }
}
