#include "runtime/auth/permissions.h"

#include <gtest/gtest.h>

namespace travet::auth {
namespace {

using store::Role;
using store::User;

TEST(PermissionsTest, EachRoleOpensItsAreas) {
  User op{.name = "anna", .role = Role::kOperator, .queues = {"accounting"}};
  User dev{.name = "carlo", .role = Role::kDeveloper};
  User admin{.name = "bea", .role = Role::kAdmin};
  EXPECT_TRUE(MayUse(op, Area::kReview));
  EXPECT_FALSE(MayUse(op, Area::kBotsAndRuns));
  EXPECT_FALSE(MayUse(op, Area::kUsers));
  EXPECT_FALSE(MayUse(dev, Area::kReview));
  EXPECT_TRUE(MayUse(dev, Area::kBotsAndRuns));
  EXPECT_FALSE(MayUse(dev, Area::kUsers));
  for (Area area : {Area::kReview, Area::kBotsAndRuns, Area::kUsers})
    EXPECT_TRUE(MayUse(admin, area));
  admin.disabled = true;
  EXPECT_FALSE(MayUse(admin, Area::kUsers));
}

TEST(PermissionsTest, OperatorsWorkTheQueuesTheyAreGiven) {
  User op{.name = "anna", .role = Role::kOperator, .queues = {"accounting", "hr"}};
  EXPECT_TRUE(MayWorkQueue(op, "accounting"));
  EXPECT_TRUE(MayWorkQueue(op, "hr"));
  EXPECT_FALSE(MayWorkQueue(op, "legal"));
  EXPECT_FALSE(MayWorkQueue(op, "Accounting"));
  EXPECT_TRUE(MayWorkQueue({.name = "bea", .role = Role::kAdmin}, "legal"));
  EXPECT_FALSE(MayWorkQueue({.name = "carlo", .role = Role::kDeveloper, .queues = {"hr"}}, "hr"));
  op.disabled = true;
  EXPECT_FALSE(MayWorkQueue(op, "accounting"));
}

}  // namespace
}  // namespace travet::auth
