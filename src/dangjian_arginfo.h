/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: f2e3cbd692babf62098ae14d5cbd31bb4b42bbd9 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Dangjian_Dataset___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_addPeople, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, rows, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Dangjian_Dataset_addActivities arginfo_class_Dangjian_Dataset_addPeople

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_setHeadcount, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, points, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_removeActivities, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, ids, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Dangjian_Dataset_removePeople arginfo_class_Dangjian_Dataset_removeActivities

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_counts, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_stats, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, query, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_statsJson, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, query, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_toJson, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Dangjian_Dataset_fromJson, 0, 1, Dangjian\\Dataset, 0)
	ZEND_ARG_TYPE_INFO(0, json, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Dataset_save, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Dangjian_Dataset_load, 0, 1, Dangjian\\Dataset, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Dangjian_Cache___construct arginfo_class_Dangjian_Dataset___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Cache_put, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, dataset, Dangjian\\Dataset, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Dangjian_Cache_get, 0, 1, Dangjian\\Dataset, 1)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Cache_delete, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Cache_clear, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Dangjian_Cache_enabled, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Dangjian_Cache_info arginfo_class_Dangjian_Dataset_counts

#define arginfo_class_Dangjian_InvalidRecord_getPath arginfo_class_Dangjian_Dataset_toJson

#define arginfo_class_Dangjian_InvalidRecord_getRow arginfo_class_Dangjian_Cache_clear

#define arginfo_class_Dangjian_InvalidRecord_getField arginfo_class_Dangjian_Dataset_toJson

#define arginfo_class_Dangjian_InvalidRecord_getRule arginfo_class_Dangjian_Dataset_toJson


ZEND_METHOD(Dangjian_Dataset, __construct);
ZEND_METHOD(Dangjian_Dataset, addPeople);
ZEND_METHOD(Dangjian_Dataset, addActivities);
ZEND_METHOD(Dangjian_Dataset, setHeadcount);
ZEND_METHOD(Dangjian_Dataset, removeActivities);
ZEND_METHOD(Dangjian_Dataset, removePeople);
ZEND_METHOD(Dangjian_Dataset, counts);
ZEND_METHOD(Dangjian_Dataset, stats);
ZEND_METHOD(Dangjian_Dataset, statsJson);
ZEND_METHOD(Dangjian_Dataset, toJson);
ZEND_METHOD(Dangjian_Dataset, fromJson);
ZEND_METHOD(Dangjian_Dataset, save);
ZEND_METHOD(Dangjian_Dataset, load);
ZEND_METHOD(Dangjian_Cache, __construct);
ZEND_METHOD(Dangjian_Cache, put);
ZEND_METHOD(Dangjian_Cache, get);
ZEND_METHOD(Dangjian_Cache, delete);
ZEND_METHOD(Dangjian_Cache, clear);
ZEND_METHOD(Dangjian_Cache, enabled);
ZEND_METHOD(Dangjian_Cache, info);
ZEND_METHOD(Dangjian_InvalidRecord, getPath);
ZEND_METHOD(Dangjian_InvalidRecord, getRow);
ZEND_METHOD(Dangjian_InvalidRecord, getField);
ZEND_METHOD(Dangjian_InvalidRecord, getRule);


static const zend_function_entry class_Dangjian_Dataset_methods[] = {
	ZEND_ME(Dangjian_Dataset, __construct, arginfo_class_Dangjian_Dataset___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, addPeople, arginfo_class_Dangjian_Dataset_addPeople, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, addActivities, arginfo_class_Dangjian_Dataset_addActivities, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, setHeadcount, arginfo_class_Dangjian_Dataset_setHeadcount, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, removeActivities, arginfo_class_Dangjian_Dataset_removeActivities, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, removePeople, arginfo_class_Dangjian_Dataset_removePeople, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, counts, arginfo_class_Dangjian_Dataset_counts, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, stats, arginfo_class_Dangjian_Dataset_stats, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, statsJson, arginfo_class_Dangjian_Dataset_statsJson, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, toJson, arginfo_class_Dangjian_Dataset_toJson, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, fromJson, arginfo_class_Dangjian_Dataset_fromJson, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Dataset, save, arginfo_class_Dangjian_Dataset_save, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_Dataset, load, arginfo_class_Dangjian_Dataset_load, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Dangjian_Cache_methods[] = {
	ZEND_ME(Dangjian_Cache, __construct, arginfo_class_Dangjian_Cache___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Dangjian_Cache, put, arginfo_class_Dangjian_Cache_put, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Cache, get, arginfo_class_Dangjian_Cache_get, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Cache, delete, arginfo_class_Dangjian_Cache_delete, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Cache, clear, arginfo_class_Dangjian_Cache_clear, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Cache, enabled, arginfo_class_Dangjian_Cache_enabled, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Dangjian_Cache, info, arginfo_class_Dangjian_Cache_info, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Dangjian_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Dangjian_InvalidRecord_methods[] = {
	ZEND_ME(Dangjian_InvalidRecord, getPath, arginfo_class_Dangjian_InvalidRecord_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_InvalidRecord, getRow, arginfo_class_Dangjian_InvalidRecord_getRow, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_InvalidRecord, getField, arginfo_class_Dangjian_InvalidRecord_getField, ZEND_ACC_PUBLIC)
	ZEND_ME(Dangjian_InvalidRecord, getRule, arginfo_class_Dangjian_InvalidRecord_getRule, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Dangjian_InvalidJson_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Dangjian_CorruptSnapshot_methods[] = {
	ZEND_FE_END
};

static void register_dangjian_symbols(int module_number)
{
	REGISTER_STRING_CONSTANT("Dangjian\\VERSION", DJ_VERSION, CONST_PERSISTENT);
}

static zend_class_entry *register_class_Dangjian_Dataset(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "Dataset", class_Dangjian_Dataset_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Dangjian_Cache(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "Cache", class_Dangjian_Cache_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Dangjian_Exception(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "Exception", class_Dangjian_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Dangjian_InvalidRecord(zend_class_entry *class_entry_Dangjian_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "InvalidRecord", class_Dangjian_InvalidRecord_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Dangjian_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_row_default_value;
	ZVAL_LONG(&property_row_default_value, -1);
	zend_string *property_row_name = zend_string_init("row", sizeof("row") - 1, 1);
	zend_declare_typed_property(class_entry, property_row_name, &property_row_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_row_name);

	zval property_field_default_value;
	ZVAL_EMPTY_STRING(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_field_name);

	zval property_rule_default_value;
	ZVAL_EMPTY_STRING(&property_rule_default_value);
	zend_string *property_rule_name = zend_string_init("rule", sizeof("rule") - 1, 1);
	zend_declare_typed_property(class_entry, property_rule_name, &property_rule_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_rule_name);

	return class_entry;
}

static zend_class_entry *register_class_Dangjian_InvalidJson(zend_class_entry *class_entry_Dangjian_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "InvalidJson", class_Dangjian_InvalidJson_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Dangjian_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Dangjian_CorruptSnapshot(zend_class_entry *class_entry_Dangjian_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Dangjian", "CorruptSnapshot", class_Dangjian_CorruptSnapshot_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Dangjian_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
