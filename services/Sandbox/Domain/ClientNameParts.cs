namespace BillingOne.Sandbox.Domain;

/// <summary>
/// Word lists for the kind of small and mid-sized businesses an MSP looks after. Kept in code, not taken
/// from a fake-data library, so a library update can never change what a seed produces.
/// </summary>
internal static class ClientNameParts
{
    public static readonly string[] Places =
    [
        "Harbourside", "Northgate", "Bayside", "Riverside", "Summit", "Coastal", "Parkview", "Hillcrest",
        "Southbank", "Eastwood", "Kingsford", "Redgum", "Ironbark", "Bluewater", "Greenfield", "Stonebridge",
        "Lakeside", "Highpoint", "Oakridge", "Silverleaf", "Wattle", "Meridian", "Pinnacle", "Horizon",
        "Carrington", "Ashfield", "Brookvale", "Cedar", "Granite", "Marlin", "Beacon", "Lighthouse",
        "Banksia", "Jacaranda", "Hawthorn", "Fairview", "Westbury", "Seaview", "Copperleaf", "Waratah",
    ];

    public static readonly string[] Surnames =
    [
        "Nguyen", "Walsh", "O'Brien", "Patel", "Kowalski", "Chen", "Murphy", "Singh", "Taylor", "Williams",
        "Anderson", "Thompson", "Kelly", "Ryan", "Campbell", "Stewart", "Harris", "Clarke", "Robinson",
        "Wong", "Papadopoulos", "Rossi", "Fitzgerald", "Gallagher", "Hughes", "Morrison", "Sullivan",
        "Bennett", "Russo", "Tran", "Kaur", "Henderson", "McKenzie", "Novak", "Okafor", "Lindqvist",
    ];

    public static readonly string[] Trades =
    [
        "Dental", "Medical Centre", "Physiotherapy", "Veterinary Clinic", "Family Law", "Legal",
        "Accounting", "Financial Planning", "Real Estate", "Engineering", "Architects", "Builders",
        "Plumbing", "Electrical", "Logistics", "Freight", "Manufacturing", "Constructions", "Property",
        "Insurance Brokers", "Pharmacy", "Optometry", "Early Learning", "Motors", "Landscaping",
        "Consulting", "Surveyors", "Print & Signage", "Wines", "Brewing Co", "Hospitality", "Fitness",
        "Community Services", "Dermatology", "Mortgage Brokers", "Joinery", "Cabinetry", "Civil",
    ];

    /// <summary>Legal and trading-name endings; the empty entries make a bare name the most common.</summary>
    public static readonly string[] Endings = ["", "", "", "", " Pty Ltd", " Group", " Partners"];

    public static readonly string[] BranchNames = ["Warehouse", "City Office", "North Branch", "South Branch", "Clinic 2"];
}
