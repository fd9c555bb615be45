#pragma once

#include <string>

#include "tools/scangen/italian_data.h"
#include "tools/scangen/italian_ids.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// A random private person with a home address and a valid codice fiscale.
struct Resident {
  Person person;
  City birth_city;
  City city;
  std::string street;  // "Via Roma 12"
  std::string codice_fiscale;

  std::string FullName() const { return person.first_name + " " + person.surname; }
};

Resident RandomResident(Random& random);

}  // namespace travet::scangen
