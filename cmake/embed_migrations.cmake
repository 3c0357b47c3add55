# Generates a C++ source holding every db/migrations/<backend>/NNNN_name.sql as a string, so the
# binary carries each backend's schema: chipgate_embed_migrations(sqlite out.cc) defines
# `SqliteMigrations()` (declared in src/store/migration.h). Re-run by CMake whenever a migration
# file changes.
function(chipgate_embed_migrations backend out_file)
  file(GLOB migrations CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/db/migrations/${backend}/*.sql")
  list(SORT migrations)
  if(NOT migrations)
    message(FATAL_ERROR "no migrations in db/migrations/${backend}/")
  endif()
  string(SUBSTRING "${backend}" 0 1 first)
  string(SUBSTRING "${backend}" 1 -1 rest)
  string(TOUPPER "${first}" first)
  set(function "${first}${rest}Migrations")
  set(entries "")
  foreach(path IN LISTS migrations)
    get_filename_component(name "${path}" NAME)
    string(REGEX MATCH "^[0-9]+" number "${name}")
    if(number STREQUAL "")
      message(FATAL_ERROR "db/migrations/${backend}/${name}: a migration's name starts with its number")
    endif()
    math(EXPR version "${number}")
    file(READ "${path}" sql)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${path}")
    string(APPEND entries "      {${version}, \"${name}\", R\"chipgate_sql(${sql})chipgate_sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT "${out_file}" CONTENT
"// Generated from db/migrations/${backend}/*.sql by cmake/embed_migrations.cmake. Do not edit.
#include \"store/migration.h\"

namespace chipgate {

const std::vector<Migration>& ${function}() {
  static const std::vector<Migration> kMigrations = {
${entries}  };
  return kMigrations;
}

}  // namespace chipgate
" @ONLY)
endfunction()
