namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>The RMM products an organization can take its device counts from; one per organization.</summary>
public enum RmmVendor
{
    NinjaOne,
    DattoRmm,
}
