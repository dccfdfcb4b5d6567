using System.Net;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Tests.Hosting;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Projection.Tests.Api;

/// <summary>Publishes client events to the projection host and reads its Clients API.</summary>
public sealed class ClientReadModelClient(ProjectionHost host)
{
    public const string Clients = "/api/projection/clients";

    /// <summary>Publishes <paramref name="message"/> under <paramref name="messageId"/> (new when absent).</summary>
    public async Task<Guid> PublishAsync(ClientUpserted message, Guid? messageId = null)
    {
        var id = messageId ?? NewId.NextGuid();
        await host.Bus.Publish(message, context => context.MessageId = id);
        return id;
    }

    /// <summary>Publishes and waits until the projection has handled it (applied or deliberately ignored).</summary>
    public async Task<Guid> PublishAndWaitAsync(ClientUpserted message)
    {
        var id = await PublishAsync(message);
        await host.Consumed.WaitUntilConsumedAsync(id);
        return id;
    }

    public async Task<ClientSnapshotDto> GetAsync(Guid clientId)
    {
        var response = await host.Client.GetAsync($"{Clients}/{clientId}");
        return await response.ShouldBeJsonAsync<ClientSnapshotDto>(HttpStatusCode.OK);
    }

    public async Task<PageDto<ClientSnapshotDto>> ListAsync(string query)
    {
        var response = await host.Client.GetAsync($"{Clients}?{query}");
        return await response.ShouldBeJsonAsync<PageDto<ClientSnapshotDto>>(HttpStatusCode.OK);
    }
}
