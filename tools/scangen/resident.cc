#include "tools/scangen/resident.h"

#include "tools/scangen/calendar_date.h"

namespace travet::scangen {

Resident RandomResident(Random& random) {
  Resident r;
  r.person.female = random.Chance(0.5);
  r.person.first_name = random.Pick(r.person.female ? FemaleFirstNames() : MaleFirstNames());
  r.person.surname = random.Pick(Surnames());
  const CalendarDate birth = RandomDate(random, 1945, 2000);
  r.person.birth_year = birth.year;
  r.person.birth_month = birth.month;
  r.person.birth_day = birth.day;
  r.birth_city = random.Pick(Cities());
  r.person.birth_place_code = r.birth_city.belfiore;
  r.city = random.Pick(Cities());
  const int number = random.Int(1, 180);  // drawn first: see Random
  r.street = random.Pick(StreetNames()) + " " + std::to_string(number);
  r.codice_fiscale = MakeCodiceFiscale(r.person);
  return r;
}

}  // namespace travet::scangen
