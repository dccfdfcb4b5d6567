namespace BillingOne.BuildingBlocks.Tenancy;

/// <summary>
/// What a client-scoped caller (a key or session limited to one client) may see or act on: its own client only. One
/// rule for the HTTP endpoints, the gRPC services and the stores; a client outside the scope reads as absent.
/// </summary>
public static class ClientScopes
{
    /// <summary>
    /// Whether a caller scoped to <paramref name="clientScope"/> (null: the whole organization) may see
    /// <paramref name="clientId"/>.
    /// </summary>
    public static bool Allows(Guid? clientScope, Guid clientId) => clientScope is not { } scope || scope == clientId;

    /// <summary>Whether <paramref name="caller"/> may see <paramref name="clientId"/> (<see cref="Allows"/>).</summary>
    public static bool MaySee(this IActorContext caller, Guid clientId) => Allows(caller.ClientScope, clientId);
}
