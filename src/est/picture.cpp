#include "est/picture.hpp"

#include <algorithm>

#include "common/errors.hpp"
#include "est/hotspot.hpp"

namespace samverkan::est {
namespace {

constexpr int kTrendWeeks = 52;

}  // namespace

std::vector<int> TerritorySlots(const IncidentIndex& index, const org::AreaCatalog& areas, const org::Area& area,
                                const std::string& date) {
    std::vector<int> slots(static_cast<std::size_t>(index.slot_count()), -1);
    const auto& ids = index.neighbourhood_ids();
    for (std::size_t s = 0; s < ids.size(); ++s) {
        const org::Area* nb = areas.Get(ids[s]);
        if (!nb || !nb->ValidOn(date)) continue;
        bool in = false;
        if (area.kind == "municipality") in = true;
        else if (area.kind == "neighbourhood") in = nb->id == area.id;
        else if (area.kind == "district" || area.kind == "police_area") {
            const org::Area* parent = areas.Parent(nb->id, area.kind == "district" ? "district" : "police_area", date);
            in = parent && parent->id == area.id;
        }
        if (in) slots[s] = 0;
    }
    if (area.kind == "municipality") slots[static_cast<std::size_t>(index.unplaced_slot())] = 0;
    return slots;
}

std::vector<int> DistrictSlots(const IncidentIndex& index, const org::AreaCatalog& areas, const std::string& date,
                               std::vector<const org::Area*>* districts) {
    *districts = areas.ValidOn(date, "district");
    std::vector<int> group(static_cast<std::size_t>(index.slot_count()), -1);
    for (std::size_t d = 0; d < districts->size(); ++d) {
        auto slots = TerritorySlots(index, areas, *(*districts)[d], date);
        for (std::size_t s = 0; s < slots.size(); ++s)
            if (slots[s] == 0) group[s] = static_cast<int>(d);
    }
    return group;
}

Picture BuildPicture(const IncidentIndex& index, const org::AreaCatalog& areas, const Reference& ref,
                     const std::string& area_id, const Period& period, const PictureFilter& filter) {
    Picture p;
    p.area = areas.Get(area_id);
    if (!p.area) throw ValidationError("Unknown area '" + area_id + "'.", "area");
    p.period = period;
    p.previous = ShiftPeriod(period, -1);
    p.last_year = SameLastYear(period);
    // The territory as of the period's last day, or the area's last day within the period.
    p.reference_day = period.end - 1;
    if (p.area->valid_to) {
        auto until = ParseDay(*p.area->valid_to);
        if (until && *until <= p.reference_day) p.reference_day = *until - 1;
    }
    std::string ref_date = FormatDay(p.reference_day);
    if (p.reference_day < period.start || !p.area->ValidOn(ref_date))
        throw ValidationError(p.area->name + " did not exist in " + period.NameSv() + ".", "area");

    IncidentIndex::Filter f;
    if (filter.source_org_id) {
        auto slot = index.SourceSlot(*filter.source_org_id);
        f.source = slot.value_or(65535);  // a source with no incidents matches nothing
    }
    f.min_severity = filter.min_severity;

    std::vector<int> territory = TerritorySlots(index, areas, *p.area, ref_date);
    std::vector<int> per_slot(territory.size(), -1);
    int slot_count = index.slot_count();
    for (int s = 0; s < slot_count; ++s)
        if (territory[s] == 0) per_slot[s] = s;

    int cats = 0;
    auto counts_of = [&](const Period& q) {
        return index.Aggregate(q.start, q.end - q.start, 1, per_slot, slot_count, f, &cats);
    };
    std::vector<std::uint32_t> now = counts_of(period);
    int now_cats = cats;
    std::vector<std::uint32_t> prev = counts_of(p.previous);
    int prev_cats = cats;
    std::optional<std::vector<std::uint32_t>> last;
    int last_cats = 0;
    if (p.last_year) {
        last = counts_of(*p.last_year);
        last_cats = cats;
    }
    auto cell = [&](const std::vector<std::uint32_t>& v, int vc, int slot, int cat) -> std::uint32_t {
        if (cat >= vc) return 0;
        return v[static_cast<std::size_t>(slot) * vc + cat];
    };
    auto total_of = [&](const std::vector<std::uint32_t>& v, int vc, int cat) {
        std::uint32_t t = 0;
        for (int s = 0; s < slot_count; ++s)
            if (territory[s] == 0) t += cell(v, vc, s, cat);
        return t;
    };

    // Categories: those open for reports, and retired ones with incidents in the compared periods.
    for (const Category& c : ref.categories) {
        std::uint32_t n = total_of(now, now_cats, c.id), pr = total_of(prev, prev_cats, c.id);
        std::optional<std::uint32_t> ly;
        if (last) ly = total_of(*last, last_cats, c.id);
        if (c.retired() && n == 0 && pr == 0 && ly.value_or(0) == 0) continue;
        p.categories.push_back(&c);
        p.rows.push_back({&c, n, pr, ly});
        p.total += n;
        p.previous_total += pr;
        if (ly) p.last_year_total = p.last_year_total.value_or(0) + *ly;
    }
    if (last && !p.last_year_total) p.last_year_total = 0;

    // The 52-week trend per category.
    Period last_week = PeriodContaining(PeriodKind::kWeek, period.end - 1);
    Period first_week = ShiftPeriod(last_week, -(kTrendWeeks - 1));
    for (int i = 0; i < kTrendWeeks; ++i) p.trend_weeks.push_back(ShiftPeriod(first_week, i));
    std::vector<int> one_group(territory);
    auto trend = index.Aggregate(first_week.start, 7, kTrendWeeks, one_group, 1, f, &cats);
    for (const Category* c : p.categories) {
        std::vector<std::uint32_t> series(kTrendWeeks, 0);
        if (c->id < cats)
            for (int w = 0; w < kTrendWeeks; ++w) series[w] = trend[static_cast<std::size_t>(w) * cats + c->id];
        p.trend.push_back(std::move(series));
    }

    // Hotspots: each neighbourhood × category against the mean of its own preceding periods.
    int baseline_n = BaselinePeriods(period.kind);
    std::vector<std::vector<std::uint32_t>> history;
    std::vector<int> history_cats;
    for (int k = 1; k <= baseline_n; ++k) {
        history.push_back(k == 1 ? prev : counts_of(ShiftPeriod(period, -k)));
        history_cats.push_back(k == 1 ? prev_cats : cats);
    }
    for (int s = 0; s < index.unplaced_slot(); ++s) {
        if (territory[s] != 0) continue;
        const org::Area* nb = areas.Get(index.neighbourhood_ids()[s]);
        for (const Category* c : p.categories) {
            std::uint32_t n = cell(now, now_cats, s, c->id);
            if (n < static_cast<std::uint32_t>(kHotspotMinCount)) continue;
            double sum = 0;
            for (std::size_t k = 0; k < history.size(); ++k) sum += cell(history[k], history_cats[k], s, c->id);
            double mean = sum / baseline_n;
            if (IsHotspot(static_cast<int>(n), mean))
                p.hotspots.push_back({nb, c, n, mean, PoissonTail(static_cast<int>(n), std::max(mean, kHotspotBaselineFloor))});
        }
    }
    std::sort(p.hotspots.begin(), p.hotspots.end(), [](const auto& a, const auto& b) {
        if (a.probability != b.probability) return a.probability < b.probability;
        return a.count > b.count;
    });

    // Neighbourhood totals for the map.
    for (int s = 0; s < index.unplaced_slot(); ++s) {
        if (territory[s] != 0) continue;
        Picture::AreaCount ac{areas.Get(index.neighbourhood_ids()[s])};
        for (const Category* c : p.categories) {
            ac.count += cell(now, now_cats, s, c->id);
            ac.previous += cell(prev, prev_cats, s, c->id);
        }
        p.neighbourhoods.push_back(ac);
    }
    std::sort(p.neighbourhoods.begin(), p.neighbourhoods.end(),
              [](const auto& a, const auto& b) { return a.area->name < b.area->name; });

    if (p.area->kind == "municipality") {
        for (const Category* c : p.categories) p.unplaced += cell(now, now_cats, index.unplaced_slot(), c->id);
        // Districts of the city on the reference day, and the full district × category × week matrix.
        std::vector<const org::Area*> districts;
        std::vector<int> by_district = DistrictSlots(index, areas, ref_date, &districts);
        int groups = static_cast<int>(districts.size());
        auto matrix = index.Aggregate(first_week.start, 7, kTrendWeeks, by_district, groups, f, &cats);
        p.district_trend.assign(districts.size(), {});
        for (std::size_t d = 0; d < districts.size(); ++d) {
            Picture::AreaCount ac{districts[d]};
            for (int s = 0; s < slot_count; ++s) {
                if (by_district[s] != static_cast<int>(d)) continue;
                for (const Category* c : p.categories) {
                    ac.count += cell(now, now_cats, s, c->id);
                    ac.previous += cell(prev, prev_cats, s, c->id);
                }
            }
            p.districts.push_back(ac);
            for (const Category* c : p.categories) {
                std::vector<std::uint32_t> weeks(kTrendWeeks, 0);
                if (c->id < cats)
                    for (int w = 0; w < kTrendWeeks; ++w)
                        weeks[w] = matrix[(static_cast<std::size_t>(w) * groups + d) * cats + c->id];
                p.district_trend[d].push_back(std::move(weeks));
            }
        }
    }
    p.incidents_indexed = index.size();
    return p;
}

}  // namespace samverkan::est
