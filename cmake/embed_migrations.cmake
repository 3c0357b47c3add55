# Generates a C++ source holding every db/migrations/NNNN_name.sql as a string, so the binary
# carries its schema. Re-run by CMake whenever a migration file changes.
function(chipgate_embed_migrations out_file)
  file(GLOB migrations CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/db/migrations/*.sql")
  list(SORT migrations)
  set(entries "")
  foreach(path IN LISTS migrations)
    get_filename_component(name "${path}" NAME)
    string(REGEX MATCH "^[0-9]+" number "${name}")
    math(EXPR version "${number}")
    file(READ "${path}" sql)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${path}")
    string(APPEND entries "      {${version}, \"${name}\", R\"chipgate_sql(${sql})chipgate_sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT "${out_file}" CONTENT
"// Generated from db/migrations/*.sql by cmake/embed_migrations.cmake. Do not edit.
#include \"store/migrations.h\"

namespace chipgate {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
${entries}  };
  return kMigrations;
}

}  // namespace chipgate
" @ONLY)
endfunction()
