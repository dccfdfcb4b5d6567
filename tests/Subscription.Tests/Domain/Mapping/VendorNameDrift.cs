namespace BillingOne.Subscription.Tests.Domain.Mapping;

/// <summary>
/// The fixed list matching is measured on: clients' names and how a vendor might have typed each one, covering every
/// kind of drift <c>Pax8CompanyNames</c> produces and more; and near misses, names of different companies that must
/// never be matched automatically.
/// </summary>
internal static class VendorNameDrift
{
    /// <summary>A client's name and a vendor's spelling of the same company.</summary>
    public static readonly (string Client, string Vendor)[] SameCompany =
    [
        // Legal suffixes of each country.
        ("Harbourside Dental", "Harbourside Dental Pty Ltd"),
        ("Northgate Legal", "Northgate Legal Pty. Ltd."),
        ("Riverside Plumbing", "Riverside Plumbing Pty Limited"),
        ("Summit Electrical", "Summit Electrical P/L"),
        ("Coastal Freight", "Coastal Freight Ltd"),
        ("Parkview Optometry", "Parkview Optometry Limited"),
        ("Hillcrest Architects", "Hillcrest Architects Ltd."),
        ("Southbank Logistics", "Southbank Logistics LLC"),
        ("Eastwood Consulting", "Eastwood Consulting Inc"),
        ("Kingsford Surveyors", "Kingsford Surveyors Inc."),
        ("Redgum Fitness", "Redgum Fitness, Inc."),
        ("Ironbark Joinery", "Ironbark Joinery Pte Ltd"),
        ("Bluewater Hospitality", "Bluewater Hospitality Pte. Ltd."),
        ("Greenfield Manufacturing", "Greenfield Manufacturing GmbH"),
        ("Stonebridge Property", "Stonebridge Property Co."),
        ("Lakeside Motors", "Lakeside Motors Corp"),
        ("Highpoint Cabinetry", "Highpoint Cabinetry Corporation"),
        ("Singh Family Law Pty Ltd", "Singh Family Law"),
        ("Okafor Consulting", "Okafor Consulting Corp."),
        ("Ryan Hospitality", "Ryan Hospitality Corporation"),
        ("Tran Motors", "Tran Motors, Inc."),
        ("Kaur Dermatology", "Kaur Dermatology Pte. Ltd."),
        // "&" and "and".
        ("Nguyen & Walsh Legal", "Nguyen and Walsh Legal"),
        ("Patel & Kowalski Accounting", "Patel and Kowalski Accounting Pty Ltd"),
        ("Morrison & Sullivan Legal", "Morrison and Sullivan Legal LLC"),
        ("Lindqvist and Novak Surveyors", "Lindqvist & Novak Surveyors"),
        // Abbreviated or lengthened trades.
        ("Oakridge Medical Centre", "Oakridge Med Ctr"),
        ("Silverleaf Physiotherapy", "Silverleaf Physio"),
        ("Wattle Veterinary Clinic", "Wattle Vet Clinic"),
        ("Meridian Accounting", "Meridian Acctg"),
        ("Pinnacle Financial Planning", "Pinnacle Fin. Planning"),
        ("Horizon Engineering", "Horizon Eng."),
        ("Carrington Constructions", "Carrington Construction"),
        ("Ashfield Early Learning", "Ashfield Early Learning Centre"),
        ("Brookvale Brewing Co", "Brookvale Brewing Company"),
        ("Cedar Insurance Brokers", "Cedar Insurance"),
        ("Granite Community Services", "Granite Community Svcs"),
        ("Marlin Mortgage Brokers", "Marlin Mortgages"),
        ("Beacon Medical Centre", "Beacon Medical Center"),
        ("Lighthouse Support Services", "Lighthouse Support Svcs"),
        ("Banksia Trading Company", "Banksia Trading Co"),
        ("Henderson Joinery Co.", "Henderson Joinery Company"),
        // Apostrophes straight, typographic or left out.
        ("O'Brien Plumbing", "OBrien Plumbing"),
        ("McKenzie's Pharmacy", "McKenzie\u2019s Pharmacy"),
        ("Kelly's Landscaping", "Kellys Landscaping"),
        ("Fitzgerald\u2019s Wines", "Fitzgerald's Wines Pty Ltd"),
        // Case, white space and punctuation.
        ("Jacaranda Print & Signage", "JACARANDA PRINT & SIGNAGE"),
        ("Hawthorn Real Estate", "hawthorn real estate"),
        ("Fairview Dermatology", "  Fairview   Dermatology "),
        ("Westbury Wines", "Westbury-Wines"),
        ("Seaview Builders", "Seaview Builders."),
        ("J.B. Murphy Plumbing", "JB Murphy Plumbing"),
        ("Russo Wines", "russo\twines"),
        // "Group" and "Partners" endings dropped, a leading "The".
        ("Copperleaf Civil Group", "Copperleaf Civil"),
        ("Waratah Property Partners", "Waratah Property"),
        ("Bennett Physiotherapy Group", "Bennett Physio"),
        ("The Dental Lounge", "Dental Lounge Pty Ltd"),
        ("Novak Optometry", "The Novak Optometry"),
        // Accents.
        ("Zo\u00eb Chen Physiotherapy", "Zoe Chen Physio"),
        ("M\u00fcller Engineering", "Muller Engineering GmbH"),
        ("Caf\u00e9 Meridian Hospitality", "CAFE MERIDIAN HOSPITALITY"),
        // Several drifts at once.
        ("Taylor & Williams Architects Group", "Taylor and Williams Architects Pty Ltd"),
        ("Anderson Medical Centre Pty Ltd", "ANDERSON MED CTR"),
        ("Thompson Early Learning Pty Ltd", "Thompson Early Learning Center P/L"),
        ("Campbell Brewing Co", "Campbell Brewing Company Pty Ltd"),
        ("Stewart Insurance Brokers Group", "Stewart Insurance"),
        ("Harris Mortgage Brokers", "Harris Mortgages Ltd"),
        ("Clarke Veterinary Clinic", "Clarke Vet Clinic LLC"),
        ("Robinson Financial Planning Partners", "Robinson Fin. Planning"),
        ("Wong Engineering Pty Ltd", "Wong Eng. Pty. Ltd."),
        ("Papadopoulos Constructions", "Papadopoulos Construction Pty Ltd"),
        ("Fitzgerald Community Services", "Fitzgerald Community Svcs Inc."),
        ("Gallagher's Electrical", "Gallagher\u2019s Electrical Ltd"),
        ("Hughes Accounting", "Hughes Acctg, Inc."),
        ("O'Brien & Rossi Medical Centre", "OBrien and Rossi Med Ctr Pty. Ltd."),
        // Typos: no rule removes them, so they must come out as the top suggestion.
        ("Ashgrove Pharmacy", "Ashgrove Pharmcy"),
        ("Sullivan Electrical", "Sulivan Electrical Pty Ltd"),
        // Two clients whose names differ only in an ending the key drops: the one written closer is suggested first.
        ("Northgate Dental Group", "Northgate Dental Group Pty Ltd"),
        ("Northgate Dental Partners", "NORTHGATE DENTAL PARTNERS P/L"),
    ];

    /// <summary>A client's name and the name of a different company that looks like it.</summary>
    public static readonly (string Client, string Vendor)[] DifferentCompanies =
    [
        ("Northgate Legal", "Northgate Logistics"),
        ("Smith & Jones Plumbing", "Smith Plumbing"),
        ("Bayside Dental", "Bayview Dental"),
        ("Bayside Dental", "Bayside Physiotherapy"),
        ("Nguyen Family Law", "Nguyen Law"),
        ("Kowalski Builders", "Kowalski Builders North"),
        ("Meridian Financial Planning", "Meridian Financial"),
        ("Harbourside Dental", "Harbourside Dental Lab"),
        ("Wattle Early Learning", "Wattle Early Intervention"),
        ("Granite Civil", "Granite Civic"),
        ("Ashfield Optometry", "Ashfield Orthodontics"),
        ("Cedar Joinery", "Cedar Cabinetry"),
        ("Lighthouse Print & Signage", "Lighthouse Print"),
        ("Patel & Singh Accounting", "Patel & Sons Accounting"),
        ("Kingsford Brewing Co", "Kingsford Wines"),
        ("Russo Hospitality", "Rossi Hospitality"),
        ("Morrison Surveyors", "Harrison Surveyors"),
        ("Riverside Veterinary Clinic", "Riverside Medical Clinic"),
        ("Summit Physiotherapy", "Summit Psychology"),
        ("Hillcrest Engineering", "Hillcrest Electrical"),
        ("Smith & Jones Plumbing", "Jones & Smith Plumbing"),
        ("Coastal Medical Centre", "Coastal Medical"),
    ];
}
